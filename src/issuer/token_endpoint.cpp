// The token endpoint (RFC 6749 §3.2): one grant type per request, the client authenticated
// first, every failure an RFC 6749 §5.2 JSON error.
#include "issuer/issuer.hpp"
#include "issuer/responses.hpp"

namespace mcpgate::issuer {

namespace bj = boost::json;

namespace {

bool is_form(const http::request& req) {
  const std::string_view ct = req[http::field::content_type];
  return ct.substr(0, ct.find(';')) == "application/x-www-form-urlencoded";
}

bj::object to_json(const token_response& t) {
  bj::object o;
  o["access_token"] = t.access_token;
  o["token_type"] = "Bearer";
  o["expires_in"] = t.expires_in;
  if (!t.scope.empty()) {
    o["scope"] = t.scope;
  }
  if (!t.refresh_token.empty()) {
    o["refresh_token"] = t.refresh_token;
  }
  return o;
}

oauth_result<void> require(const form& f, std::string_view name) {
  if (f.value(name).empty()) {
    return fail(errc::invalid_request, std::string{name} + " is required");
  }
  return {};
}

}  // namespace

oauth_result<token_response> issuer::client_credentials(const client& c, const form& f) {
  auto aud = resolve_audience(f);
  if (!aud) {
    return aud.error();
  }
  const scope_list allowed = c.scopes.empty() ? all_user_scopes(options_.users) : c.scopes;
  scope_list requested = allowed;
  if (auto s = f.get("scope")) {
    if (!parse_scope(*s, requested)) {
      return fail(errc::invalid_scope, "malformed scope");
    }
  }
  token_subject s;
  s.sub = c.id + "@clients";  // Auth0's subject for machine-to-machine tokens
  s.client_id = c.id;
  s.audience = std::move(*aud);
  s.scope = grant_scope(requested, allowed);
  s.client_credentials = true;
  return access_token_response(s);
}

http::response issuer::token_endpoint(const http::request& req) {
  const unsigned v = req.version();
  if (!is_form(req)) {
    return oauth_error_response(
        fail(errc::invalid_request, "the body must be application/x-www-form-urlencoded"), v);
  }
  auto f = parse_form(req.body(), options_.form);
  if (!f) {
    return oauth_error_response(f.error(), v);
  }
  auto authenticated = authenticate(req, *f);
  if (!authenticated) {
    auto res = oauth_error_response(authenticated.error(), v);
    if (authenticated.error().code == errc::invalid_client) {
      res.set(http::field::www_authenticate, "Basic realm=\"mcpgate-dev\"");
    }
    return res;
  }
  const client& c = **authenticated;
  const std::string_view grant_type = f->value("grant_type");
  if (grant_type.empty()) {
    return oauth_error_response(fail(errc::invalid_request, "grant_type is required"), v);
  }
  if (grant_type != grant_authorization_code && grant_type != grant_refresh_token &&
      grant_type != grant_client_credentials && grant_type != grant_device_code) {
    return oauth_error_response(fail(errc::unsupported_grant_type,
                                     "unsupported grant_type \"" + std::string{grant_type} + "\""),
                                v);
  }
  if (!c.allows_grant(grant_type)) {
    return oauth_error_response(
        fail(errc::unauthorized_client,
             "client \"" + c.id + "\" may not use " + std::string{grant_type}),
        v);
  }

  oauth_result<token_response> out = fail(errc::server_error, "unreachable");
  if (grant_type == grant_client_credentials) {
    out = client_credentials(c, *f);
  } else if (grant_type == grant_device_code) {
    if (auto ok = require(*f, "device_code"); !ok) {
      return oauth_error_response(ok.error(), v);
    }
    oauth_result<grant> g = fail(errc::server_error, "unreachable");
    {
      std::lock_guard lock{mutex_};
      g = devices_.poll(f->value("device_code"), c.id, clock_->now());
    }
    out = g ? issue_tokens(*g, c.allows_grant(grant_refresh_token))
            : oauth_result<token_response>{g.error()};
  } else if (grant_type == grant_authorization_code) {
    for (auto name : {"code", "redirect_uri", "code_verifier"}) {
      if (auto ok = require(*f, name); !ok) {
        return oauth_error_response(ok.error(), v);
      }
    }
    oauth_result<grant> g = fail(errc::server_error, "unreachable");
    {
      std::lock_guard lock{mutex_};
      g = codes_.redeem(f->value("code"), c.id, f->value("redirect_uri"), f->value("code_verifier"),
                        clock_->now());
    }
    out = g ? issue_tokens(*g, c.allows_grant(grant_refresh_token))
            : oauth_result<token_response>{g.error()};
  } else {
    if (auto ok = require(*f, "refresh_token"); !ok) {
      return oauth_error_response(ok.error(), v);
    }
    oauth_result<refresh_store::rotated> r = fail(errc::server_error, "unreachable");
    {
      std::lock_guard lock{mutex_};
      r = refresh_.rotate(f->value("refresh_token"), c.id, clock_->now());
    }
    if (!r) {
      return oauth_error_response(r.error(), v);
    }
    grant g = std::move(r->g);
    if (auto s = f->get("scope")) {
      // RFC 6749 §6: a refresh may narrow the scope, never widen it.
      scope_list narrowed;
      if (!parse_scope(*s, narrowed)) {
        return oauth_error_response(fail(errc::invalid_scope, "malformed scope"), v);
      }
      for (const auto& item : narrowed) {
        if (!contains(g.scope, item)) {
          return oauth_error_response(
              fail(errc::invalid_scope, "scope \"" + item + "\" was not granted originally"), v);
        }
      }
      g.scope = std::move(narrowed);
    }
    out = issue_tokens(g, false);
    if (out) {
      out->refresh_token = std::move(r->token);
    }
  }
  if (!out) {
    return oauth_error_response(out.error(), v);
  }
  return json_response(http::status::ok, to_json(*out), v);
}

}  // namespace mcpgate::issuer
