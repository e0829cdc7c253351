// RFC 8628: the device authorization endpoint and the verification page where a person enters
// the user code and picks who signs in.
#include "issuer/issuer.hpp"
#include "issuer/pages.hpp"
#include "issuer/responses.hpp"

namespace mcpgate::issuer {

namespace bj = boost::json;

namespace {

// "BCDFGHJK" → "BCDF-GHJK", as the code was first shown.
std::string display_code(std::string_view normalized) {
  std::string out{normalized};
  if (out.size() == 8) {
    out.insert(4, 1, '-');
  }
  return out;
}

}  // namespace

http::response issuer::device_authorization_endpoint(const http::request& req) {
  const unsigned v = req.version();
  auto f = parse_form(req.body(), options_.form);
  if (!f) {
    return oauth_error_response(f.error(), v);
  }
  auto c = authenticate(req, *f);
  if (!c) {
    return oauth_error_response(c.error(), v);
  }
  if (!(*c)->allows_grant(grant_device_code)) {
    return oauth_error_response(
        fail(errc::unauthorized_client,
             "client \"" + (*c)->id + "\" may not use the device authorization grant"),
        v);
  }
  grant g;
  g.client_id = (*c)->id;
  if (auto s = f->get("scope")) {
    g.scope_given = true;
    if (!parse_scope(*s, g.scope)) {
      return oauth_error_response(fail(errc::invalid_scope, "malformed scope"), v);
    }
  }
  auto aud = resolve_audience(*f);
  if (!aud) {
    return oauth_error_response(aud.error(), v);
  }
  g.audience = std::move(*aud);

  oauth_result<device_authorization> started = fail(errc::server_error, "unreachable");
  {
    std::lock_guard lock{mutex_};
    started = devices_.start(std::move(g), clock_->now());
  }
  if (!started) {
    return oauth_error_response(started.error(), v);
  }
  const std::string page = options_.public_url + std::string{paths::activate};
  bj::object out;
  out["device_code"] = started->device_code;
  out["user_code"] = started->user_code;
  out["verification_uri"] = page;
  out["verification_uri_complete"] =
      append_query(page, encode_form({{"user_code", started->user_code}}));
  out["expires_in"] = started->expires_in.count();
  out["interval"] = started->interval.count();
  return json_response(http::status::ok, out, v);
}

http::response issuer::activate_page(const http::request& req) {
  const unsigned v = req.version();
  const std::string_view target = req.target();
  const auto q = target.find('?');
  auto f = req.method() == http::verb::post
               ? parse_form(req.body(), options_.form)
               : parse_form(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1),
                            options_.form);
  if (!f) {
    return html_response(http::status::bad_request,
                         device_entry_page("That request could not be read.", {}), v);
  }
  const std::string_view typed = f->value("user_code");
  if (typed.empty()) {
    return html_response(http::status::ok, device_entry_page({}, {}), v);
  }
  const auto now = clock_->now();
  std::unique_lock lock{mutex_};
  auto pending = devices_.lookup(typed, now);
  if (!pending) {
    lock.unlock();
    return html_response(http::status::ok,
                         device_entry_page("That code is not valid or has expired. Check the "
                                           "code on your device and try again.",
                                           typed),
                         v);
  }
  if (req.method() == http::verb::get) {
    const client* c = clients_.find(pending->client_id);
    const std::string client_name = c != nullptr && !c->name.empty() ? c->name : pending->client_id;
    lock.unlock();
    return html_response(
        http::status::ok,
        device_choice_page(
            display_code(pending->user_code), client_name,
            pending->requested.scope_given ? join_scope(pending->requested.scope) : std::string{},
            options_.users),
        v);
  }
  if (f->value("action") == "deny") {
    auto denied = devices_.deny(typed, now);
    lock.unlock();
    if (!denied) {
      return html_response(http::status::ok, device_entry_page(denied.error().description, {}), v);
    }
    return html_response(http::status::ok, device_done_page(false, {}), v);
  }
  const std::string_view user = f->value("user");
  if (find_user(options_.users, user) == nullptr) {
    lock.unlock();
    return html_response(http::status::bad_request,
                         error_page("Unknown user", "Pick one of the demo users."), v);
  }
  auto approved = devices_.approve(typed, std::string{user}, now);
  lock.unlock();
  if (!approved) {
    return html_response(http::status::ok, device_entry_page(approved.error().description, {}), v);
  }
  return html_response(http::status::ok, device_done_page(true, user), v);
}

}  // namespace mcpgate::issuer
