#include "issuer/issuer.hpp"
#include "issuer/url_text.hpp"

#include "issuer/responses.hpp"

#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

#include <algorithm>

#include <stdexcept>

namespace mcpgate::issuer {

namespace bj = boost::json;

namespace {

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

bj::array strings(std::initializer_list<std::string_view> items) {
  bj::array out;
  for (auto i : items) {
    out.emplace_back(i);
  }
  return out;
}

bool is_absolute_uri(std::string_view text) {
  const auto u = boost::urls::parse_absolute_uri(url_view_of(text));
  return u.has_value();
}

}  // namespace

issuer::issuer(issuer_options options, jose::signing_key key, const core::clock& clock,
               std::shared_ptr<random_source> rnd)
    : options_{std::move(options)},
      key_{std::move(key)},
      clock_{&clock},
      rnd_{std::move(rnd)},
      clients_{options_.clients, options_.registration},
      devices_{options_.device, *rnd_},
      codes_{options_.codes, *rnd_},
      refresh_{options_.refresh, *rnd_} {
  options_.public_url = strip_trailing_slash(options_.public_url);
  const auto u = boost::urls::parse_absolute_uri(url_view_of(options_.public_url));
  if (!u || (u->scheme() != "http" && u->scheme() != "https") || u->encoded_host().empty()) {
    throw std::invalid_argument("issuer public URL must be an absolute http(s) URL: \"" +
                                options_.public_url + "\"");
  }
  issuer_id_ = options_.public_url + "/";
}

bj::object issuer::jwks() const {
  auto doc = jose::public_jwks(key_);
  return doc ? std::move(*doc) : bj::object{{"keys", bj::array{}}};
}

bj::object issuer::metadata(bool openid) const {
  const std::string& base = options_.public_url;
  bj::object m;
  m["issuer"] = issuer_id_;
  m["authorization_endpoint"] = base + std::string{paths::authorize};
  m["token_endpoint"] = base + std::string{paths::token};
  m["device_authorization_endpoint"] = base + std::string{paths::device_code};
  m["registration_endpoint"] = base + std::string{paths::registration};
  m["jwks_uri"] = base + std::string{paths::jwks};
  m["response_types_supported"] = strings({"code"});
  m["response_modes_supported"] = strings({"query"});
  m["grant_types_supported"] = strings(
      {grant_authorization_code, grant_refresh_token, grant_client_credentials, grant_device_code});
  m["code_challenge_methods_supported"] = strings({"S256"});
  m["token_endpoint_auth_methods_supported"] =
      strings({"none", "client_secret_basic", "client_secret_post"});
  bj::array scopes = strings({"openid", "profile", "email", "offline_access"});
  for (const auto& s : all_user_scopes(options_.users)) {
    scopes.emplace_back(s);
  }
  m["scopes_supported"] = std::move(scopes);
  if (openid) {
    m["subject_types_supported"] = strings({"public"});
    m["id_token_signing_alg_values_supported"] = strings({jose::alg_name(key_.algorithm())});
  }
  return m;
}

http::response issuer::handle(const http::request& req) {
  const unsigned version = req.version();
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const http::verb method = req.method();

  if (method == http::verb::options) {
    return preflight_response(version);
  }
  if (method == http::verb::get || method == http::verb::head) {
    if (path == paths::openid_configuration) {
      return json_response(http::status::ok, metadata(true), version);
    }
    if (path == paths::oauth_metadata) {
      return json_response(http::status::ok, metadata(false), version);
    }
    if (path == paths::jwks) {
      return json_response(http::status::ok, jwks(), version);
    }
  }
  if (path == paths::token && method == http::verb::post) {
    return token_endpoint(req);
  }
  if (path == paths::device_code && method == http::verb::post) {
    return device_authorization_endpoint(req);
  }
  if (path == paths::activate && (method == http::verb::get || method == http::verb::post)) {
    return activate_page(req);
  }
  if (path == paths::authorize && (method == http::verb::get || method == http::verb::post)) {
    return authorize_endpoint(req);
  }
  if (path == paths::registration && method == http::verb::post) {
    return registration_endpoint(req);
  }
  return json_response(http::status::not_found,
                       bj::object{{"error", "not_found"},
                                  {"error_description", "no such endpoint on the dev issuer"}},
                       version);
}

namespace {
http::task<void> serve(issuer& iss, http::exchange& ex) {
  co_await ex.respond(iss.handle(ex.req()));
}
}  // namespace

http::handler issuer::handler() {
  return [this](http::exchange& ex) { return serve(*this, ex); };
}

oauth_result<const client*> issuer::authenticate(const http::request& req, const form& f) {
  presented_client p;
  const auto auth = req[http::field::authorization];
  if (!auth.empty()) {
    auto basic = parse_basic_auth(auth);
    if (!basic) {
      return fail(errc::invalid_client, "malformed Basic credentials");
    }
    if (f.has("client_secret")) {
      return fail(errc::invalid_request, "use one client authentication method, not two");
    }
    if (f.has("client_id") && f.value("client_id") != basic->first) {
      return fail(errc::invalid_request, "client_id differs from the Basic credentials");
    }
    p.id = std::move(basic->first);
    p.secret = std::move(basic->second);
    p.via_basic = true;
  } else {
    if (!f.has("client_id")) {
      return fail(errc::invalid_client, "client_id is required");
    }
    p.id = std::string{f.value("client_id")};
    if (auto s = f.get("client_secret")) {
      p.secret = std::string{*s};
    }
  }
  std::lock_guard lock{mutex_};
  return clients_.authenticate(p);
}

oauth_result<std::string> issuer::resolve_audience(const form& f) const {
  const auto resource = f.get("resource");
  const auto audience = f.get("audience");
  if (resource && audience && *resource != *audience) {
    return fail(errc::invalid_target, "resource and audience name different audiences");
  }
  std::string aud{resource ? *resource : audience ? *audience : options_.default_audience};
  if (aud.empty()) {
    return fail(errc::invalid_target, "no audience: pass resource (RFC 8707) or audience");
  }
  // RFC 8707 §2: an absolute URI without a fragment.
  if (!is_absolute_uri(aud) || aud.find('#') != std::string::npos) {
    return fail(errc::invalid_target, "the audience must be an absolute URI without a fragment");
  }
  if (!options_.allowed_audiences.empty() &&
      std::find(options_.allowed_audiences.begin(), options_.allowed_audiences.end(), aud) ==
          options_.allowed_audiences.end()) {
    return fail(errc::invalid_target, "this issuer does not issue tokens for \"" + aud + "\"");
  }
  return aud;
}

oauth_result<token_response> issuer::access_token_response(const token_subject& s) {
  auto token =
      sign_access_token(access_token_claims(issuer_id_, s, now_seconds(), options_.access_token_ttl,
                                            random_token(*rnd_, jti_bytes)),
                        key_);
  if (!token) {
    return fail(errc::server_error, "signing failed: " + token.error().message());
  }
  return token_response{
      std::move(*token), options_.access_token_ttl.count(), join_scope(s.scope.scope), {}};
}

oauth_result<token_response> issuer::issue_tokens(const grant& g, bool with_refresh) {
  const demo_user* user = find_user(options_.users, g.user);
  if (user == nullptr) {
    return fail(errc::invalid_grant, "the grant names an unknown user");
  }
  token_subject s;
  s.sub = user->subject;
  s.client_id = g.client_id;
  s.audience = g.audience;
  s.scope = grant_scope(g.scope_given ? g.scope : user->scopes, user->scopes);
  s.roles = user->roles;

  auto response = access_token_response(s);
  if (!response) {
    return response;
  }
  token_response& out = *response;
  if (with_refresh) {
    grant kept = g;
    kept.scope = s.scope.scope;
    kept.scope_given = true;
    std::lock_guard lock{mutex_};
    auto r = refresh_.issue(std::move(kept), clock_->now());
    if (!r) {
      return r.error();
    }
    out.refresh_token = std::move(*r);
  }
  return response;
}

oauth_result<token_response> issuer::mint_for_user(std::string_view user, std::string_view audience,
                                                   std::optional<std::string_view> scope) {
  if (find_user(options_.users, user) == nullptr) {
    return fail(errc::invalid_request, "unknown demo user \"" + std::string{user} + "\"");
  }
  grant g;
  g.client_id = "mcpgate-dev";
  g.user = std::string{user};
  g.audience = audience.empty() ? options_.default_audience : std::string{audience};
  if (g.audience.empty()) {
    return fail(errc::invalid_target, "no audience given and no default audience configured");
  }
  if (scope) {
    g.scope_given = true;
    if (!parse_scope(*scope, g.scope)) {
      return fail(errc::invalid_scope, "malformed scope");
    }
  }
  return issue_tokens(g, false);
}

result<http::net::ip::tcp::endpoint> listen(http::server& server, std::string_view address,
                                            std::uint16_t port, issuer& iss) {
  auto bound = server.listen(address, port, iss.handler());
  if (bound) {
    spdlog::warn("{} (issuer {})", development_warning, iss.issuer_id());
  }
  return bound;
}

}  // namespace mcpgate::issuer
