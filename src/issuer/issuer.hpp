#pragma once

// The embedded development OAuth 2.1 / OpenID issuer: discovery (RFC 8414, OpenID), JWKS, token
// endpoint (client_credentials, device_code, authorization_code with PKCE S256, refresh_token
// with rotation), device authorization (RFC 8628) with its HTML page, /authorize, dynamic client
// registration (RFC 7591), RFC 8707 resource as the audience. Demo users instead of passwords:
// never for production.

#include "core/clock.hpp"
#include "http/message.hpp"
#include "http/server.hpp"
#include "issuer/access_token.hpp"
#include "issuer/authorization_codes.hpp"
#include "issuer/clients.hpp"
#include "issuer/device_flow.hpp"
#include "issuer/error.hpp"
#include "issuer/form.hpp"
#include "issuer/grant.hpp"
#include "issuer/random.hpp"
#include "issuer/refresh_tokens.hpp"
#include "issuer/users.hpp"
#include "jose/signer.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::issuer {

// Logged when an issuer starts listening.
inline constexpr std::string_view development_warning =
    "development issuer: demo users sign in without a password; never use it in production";

// Endpoint paths, Auth0's where Auth0 has one, so tools written for Auth0 work unchanged.
namespace paths {
inline constexpr std::string_view openid_configuration = "/.well-known/openid-configuration";
inline constexpr std::string_view oauth_metadata = "/.well-known/oauth-authorization-server";
inline constexpr std::string_view jwks = "/.well-known/jwks.json";
inline constexpr std::string_view token = "/oauth/token";
inline constexpr std::string_view device_code = "/oauth/device/code";
inline constexpr std::string_view activate = "/activate";
inline constexpr std::string_view authorize = "/authorize";
inline constexpr std::string_view registration = "/oidc/register";
}  // namespace paths

struct issuer_options {
  // Where clients reach the issuer, without a trailing slash: "http://localhost:3001". The
  // issuer identifier (iss) is this plus "/", as Auth0's are.
  std::string public_url;
  std::vector<demo_user> users = default_demo_users();
  std::vector<client> clients = default_clients();
  // aud when a request names neither `resource` nor `audience`; empty makes such requests fail
  // with invalid_target.
  std::string default_audience;
  // Audiences tokens may be issued for; empty accepts any absolute URI without a fragment.
  std::vector<std::string> allowed_audiences;
  std::chrono::seconds access_token_ttl{3600};
  device_limits device;
  code_limits codes;
  refresh_limits refresh;
  registration_limits registration;
  form_limits form;
};

// A successful token response (RFC 6749 §5.1).
struct token_response {
  std::string access_token;
  std::int64_t expires_in = 0;
  std::string scope;
  std::string refresh_token;  // empty when none is issued
};

class issuer {
 public:
  // Throws std::invalid_argument at start-up when public_url is not an absolute http(s) URL.
  issuer(issuer_options options, jose::signing_key key,
         const core::clock& clock = core::real_clock(),
         std::shared_ptr<random_source> rnd = std::make_shared<system_random>());

  issuer(const issuer&) = delete;
  issuer& operator=(const issuer&) = delete;

  // Answers one request. Thread-safe (state behind one mutex): the server calls it from every
  // worker. No exceptions.
  http::response handle(const http::request& req);

  // The handler for http::server::listen(); the issuer must outlive the server.
  http::handler handler();

  // "http://localhost:3001/".
  const std::string& issuer_id() const noexcept { return issuer_id_; }
  const std::string& public_url() const noexcept { return options_.public_url; }
  const std::vector<demo_user>& users() const noexcept { return options_.users; }
  const jose::signing_key& key() const noexcept { return key_; }

  // A token for a demo user as if they had signed in, for banners and tests. `audience` empty:
  // the default audience; `scope` nullopt: all of the user's scopes. invalid_request for an
  // unknown user.
  oauth_result<token_response> mint_for_user(std::string_view user, std::string_view audience = {},
                                             std::optional<std::string_view> scope = {});

  boost::json::object jwks() const;
  // RFC 8414 metadata; with `openid` the OpenID Discovery members too.
  boost::json::object metadata(bool openid) const;

 private:
  struct authorize_request;

  http::response token_endpoint(const http::request& req);
  http::response device_authorization_endpoint(const http::request& req);
  http::response activate_page(const http::request& req);
  http::response authorize_endpoint(const http::request& req);
  http::response registration_endpoint(const http::request& req);

  oauth_result<const client*> authenticate(const http::request& req, const form& f);
  oauth_result<std::string> resolve_audience(const form& f) const;
  // A signed access token for `s`, with its lifetime and granted scope.
  oauth_result<token_response> access_token_response(const token_subject& s);
  oauth_result<token_response> issue_tokens(const grant& g, bool with_refresh);
  oauth_result<token_response> client_credentials(const client& c, const form& f);
  // `redirect_to` is set once the client and its redirect URI are known, i.e. when an error
  // may be sent back to the client instead of shown to the person.
  oauth_result<authorize_request> parse_authorize(const form& f, std::string& redirect_to);

  std::int64_t now_seconds() const noexcept { return clock_->unix_seconds(); }

  issuer_options options_;
  std::string issuer_id_;
  jose::signing_key key_;
  const core::clock* clock_;
  std::shared_ptr<random_source> rnd_;

  std::mutex mutex_;  // guards the four stores
  client_registry clients_;
  device_store devices_;
  code_store codes_;
  refresh_store refresh_;
};

// Binds the issuer on `server` (before server.start()) and logs development_warning.
result<http::net::ip::tcp::endpoint> listen(http::server& server, std::string_view address,
                                            std::uint16_t port, issuer& iss);

}  // namespace mcpgate::issuer
