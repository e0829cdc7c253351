// The authorization endpoint for the code flow (OAuth 2.1 §4.1): PKCE S256 required, codes sent
// only to a redirect URI the client registered; errors about the client or the redirect URI are
// shown to the person, every other error goes back to the client.
#include "issuer/issuer.hpp"
#include "issuer/pages.hpp"
#include "issuer/pkce.hpp"
#include "issuer/responses.hpp"

namespace mcpgate::issuer {

struct issuer::authorize_request {
  const client* c = nullptr;
  std::string redirect_uri;
  std::string state;
  std::string code_challenge;
  grant g;
};

namespace {

// The parameters carried from the page to its POST.
constexpr std::string_view carried[] = {
    "response_type",         "client_id", "redirect_uri", "scope", "state", "code_challenge",
    "code_challenge_method", "resource",  "audience"};

}  // namespace

oauth_result<issuer::authorize_request> issuer::parse_authorize(const form& f,
                                                                std::string& redirect_to) {
  redirect_to.clear();
  authorize_request r;
  {
    std::lock_guard lock{mutex_};
    r.c = clients_.find(f.value("client_id"));
  }
  if (r.c == nullptr) {
    return fail(errc::invalid_client, "unknown client_id");
  }
  if (f.has("redirect_uri")) {
    if (!r.c->has_redirect_uri(f.value("redirect_uri"))) {
      return fail(errc::invalid_request, "redirect_uri is not registered for this client");
    }
    r.redirect_uri = std::string{f.value("redirect_uri")};
  } else if (r.c->redirect_uris.size() == 1) {
    r.redirect_uri = r.c->redirect_uris.front();
  } else {
    return fail(errc::invalid_request, "redirect_uri is required");
  }
  // From here on the client is known and the URI is its own: errors go back to it.
  redirect_to = r.redirect_uri;
  r.state = std::string{f.value("state")};

  if (f.value("response_type") != "code") {
    return fail(errc::unsupported_response_type, "response_type must be \"code\"");
  }
  if (!r.c->allows_grant(grant_authorization_code)) {
    return fail(errc::unauthorized_client, "client may not use the authorization code grant");
  }
  if (f.value("code_challenge_method") != "S256" ||
      !valid_s256_challenge(f.value("code_challenge"))) {
    return fail(errc::invalid_request, "PKCE is required: code_challenge with method S256");
  }
  r.code_challenge = std::string{f.value("code_challenge")};
  r.g.client_id = r.c->id;
  if (auto s = f.get("scope")) {
    r.g.scope_given = true;
    if (!parse_scope(*s, r.g.scope)) {
      return fail(errc::invalid_scope, "malformed scope");
    }
  }
  auto aud = resolve_audience(f);
  if (!aud) {
    return aud.error();
  }
  r.g.audience = std::move(*aud);
  return r;
}

http::response issuer::authorize_endpoint(const http::request& req) {
  const unsigned v = req.version();
  const std::string_view target = req.target();
  const auto q = target.find('?');
  const bool post = req.method() == http::verb::post;
  auto f = post
               ? parse_form(req.body(), options_.form)
               : parse_form(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1),
                            options_.form);
  if (!f) {
    return html_response(http::status::bad_request,
                         error_page("Invalid request", f.error().description), v);
  }
  std::string redirect_to;
  auto r = parse_authorize(*f, redirect_to);
  if (!r) {
    if (redirect_to.empty()) {
      return html_response(http::status::bad_request,
                           error_page("Invalid authorization request", r.error().description), v);
    }
    std::vector<std::pair<std::string, std::string>> q_params{
        {"error", std::string{wire_name(r.error().code)}},
        {"error_description", r.error().description}};
    if (f->has("state")) {
      q_params.emplace_back("state", std::string{f->value("state")});
    }
    return redirect_response(append_query(redirect_to, encode_form(q_params)), v);
  }

  if (!post) {
    std::vector<std::pair<std::string, std::string>> hidden;
    for (auto name : carried) {
      if (auto value = f->get(name)) {
        hidden.emplace_back(std::string{name}, std::string{*value});
      }
    }
    if (!f->has("redirect_uri")) {
      hidden.emplace_back("redirect_uri", r->redirect_uri);
    }
    return html_response(
        http::status::ok,
        authorize_page(r->c->name.empty() ? r->c->id : r->c->name, hidden, options_.users), v);
  }

  std::vector<std::pair<std::string, std::string>> answer;
  if (f->value("action") == "deny") {
    answer.emplace_back("error", "access_denied");
    answer.emplace_back("error_description", "the user denied the request");
  } else {
    const std::string_view user = f->value("user");
    if (find_user(options_.users, user) == nullptr) {
      return html_response(http::status::bad_request,
                           error_page("Unknown user", "Pick one of the demo users."), v);
    }
    code_request cr;
    cr.g = std::move(r->g);
    cr.g.user = std::string{user};
    cr.redirect_uri = r->redirect_uri;
    cr.code_challenge = r->code_challenge;
    oauth_result<std::string> code = fail(errc::server_error, "unreachable");
    {
      std::lock_guard lock{mutex_};
      code = codes_.issue(std::move(cr), clock_->now());
    }
    if (!code) {
      answer.emplace_back("error", std::string{wire_name(code.error().code)});
      answer.emplace_back("error_description", code.error().description);
    } else {
      answer.emplace_back("code", std::move(*code));
    }
  }
  if (!r->state.empty()) {
    answer.emplace_back("state", r->state);
  }
  return redirect_response(append_query(r->redirect_uri, encode_form(answer)), v);
}

}  // namespace mcpgate::issuer
