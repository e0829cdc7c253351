#include "issuer/pages.hpp"

namespace mcpgate::issuer {

namespace {

std::string layout(std::string_view title, std::string_view body) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>";
  out += html_escape(title);
  out +=
      " · mcpgate dev issuer</title><style>"
      "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;"
      "color:#222}"
      "h1{font-size:1.4rem}.note{color:#a33;font-size:.85rem}.error{color:#b00}"
      "code,.code{font-family:monospace;font-size:1.2rem;letter-spacing:.1em}"
      "button{display:block;width:100%;margin:.4rem 0;padding:.6rem;font-size:1rem;"
      "text-align:left;cursor:pointer}button small{display:block;color:#555}"
      "input{font-size:1.2rem;padding:.4rem;letter-spacing:.1em;text-transform:uppercase}"
      "</style></head><body>\n";
  out += body;
  out +=
      "\n<p class=\"note\">mcpgate development issuer: demo users, no passwords. Never use it "
      "in production.</p>\n</body></html>\n";
  return out;
}

std::string user_buttons(const std::vector<demo_user>& users) {
  std::string out;
  for (const auto& u : users) {
    out += "<button type=\"submit\" name=\"user\" id=\"user-" + html_escape(u.name) +
           "\" value=\"" + html_escape(u.name) + "\">Continue as <strong>" + html_escape(u.name) +
           "</strong><small>" + html_escape(u.description) + "</small></button>\n";
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string device_entry_page(std::string_view error, std::string_view prefill) {
  std::string body = "<h1 id=\"title\">Activate your device</h1>\n";
  if (!error.empty()) {
    body += "<p class=\"error\" id=\"error\">" + html_escape(error) + "</p>\n";
  }
  body +=
      "<form method=\"get\" action=\"/activate\"><p><label for=\"user_code\">Enter the code "
      "shown on your device</label></p><input id=\"user_code\" name=\"user_code\" "
      "autocomplete=\"off\" autofocus value=\"" +
      html_escape(prefill) +
      "\"> <button type=\"submit\" id=\"continue\" style=\"display:inline;width:auto\">"
      "Continue</button></form>";
  return layout("Activate your device", body);
}

std::string device_choice_page(std::string_view user_code, std::string_view client,
                               std::string_view scope, const std::vector<demo_user>& users) {
  std::string body = "<h1 id=\"title\">Confirm code <span class=\"code\" id=\"code\">" +
                     html_escape(user_code) +
                     "</span></h1>\n<p>Only continue if your device "
                     "shows this code. <strong>" +
                     html_escape(client) + "</strong> asks for " +
                     (scope.empty() ? std::string{"your default permissions"}
                                    : "<code>" + html_escape(scope) + "</code>") +
                     ".</p>\n<form method=\"post\" action=\"/activate\">"
                     "<input type=\"hidden\" name=\"user_code\" value=\"" +
                     html_escape(user_code) + "\">\n" + user_buttons(users) +
                     "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Deny"
                     "</button></form>";
  return layout("Confirm code", body);
}

std::string device_done_page(bool approved, std::string_view user) {
  std::string body;
  if (approved) {
    body = "<h1 id=\"result\">Device approved</h1>\n<p>Signed in as <strong id=\"user\">" +
           html_escape(user) +
           "</strong>. You can close this window and return to your device.</p>";
  } else {
    body =
        "<h1 id=\"result\">Request denied</h1>\n<p>The device was not given access. You can "
        "close this window.</p>";
  }
  return layout(approved ? "Device approved" : "Request denied", body);
}

std::string authorize_page(std::string_view client,
                           const std::vector<std::pair<std::string, std::string>>& hidden,
                           const std::vector<demo_user>& users) {
  std::string body = "<h1 id=\"title\">Sign in to " + html_escape(client) +
                     "</h1>\n<p>Pick the demo user to continue as.</p>\n"
                     "<form method=\"post\" action=\"/authorize\">\n";
  for (const auto& [k, v] : hidden) {
    body += "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) +
            "\">\n";
  }
  body += user_buttons(users);
  body +=
      "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Cancel</button>"
      "</form>";
  return layout("Sign in", body);
}

std::string error_page(std::string_view title, std::string_view message) {
  return layout(title, "<h1 id=\"title\">" + html_escape(title) + "</h1>\n<p id=\"error\">" +
                           html_escape(message) + "</p>");
}

}  // namespace mcpgate::issuer
