#pragma once

#include "issuer/error.hpp"
#include "issuer/random.hpp"
#include "issuer/scope.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::issuer {

// Grant type names (RFC 6749, RFC 8628).
inline constexpr std::string_view grant_authorization_code = "authorization_code";
inline constexpr std::string_view grant_refresh_token = "refresh_token";
inline constexpr std::string_view grant_client_credentials = "client_credentials";
inline constexpr std::string_view grant_device_code =
    "urn:ietf:params:oauth:grant-type:device_code";

enum class auth_method { none, client_secret_basic, client_secret_post };

std::string_view auth_method_name(auth_method m) noexcept;

// A client the issuer knows: pre-configured or registered through RFC 7591.
struct client {
  std::string id;
  std::string secret;  // empty for public clients (auth_method::none)
  auth_method method = auth_method::none;
  std::string name;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> grant_types;
  // What client_credentials may grant; empty means every API scope the issuer knows.
  scope_list scopes;
  std::int64_t issued_at = 0;

  bool is_public() const noexcept { return method == auth_method::none; }
  bool allows_grant(std::string_view grant) const noexcept;
  bool has_redirect_uri(std::string_view uri) const noexcept;
};

// "mcpgate-cli": public, device flow, authorization code and refresh (what `mcpgate token device`
// and the MCP Inspector use); "mcpgate-service": confidential with the secret
// "mcpgate-dev-secret", client credentials only.
std::vector<client> default_clients();

struct registration_limits {
  std::size_t max_redirect_uris = 10;
  std::size_t max_uri_bytes = 2048;
  std::size_t max_name_bytes = 200;
  // Registered clients kept in memory; the next registration gets temporarily_unavailable.
  std::size_t max_clients = 1000;
};

// Where a code may be sent (RFC 8252 §7 and OAuth 2.1 §2.3.1): an absolute URI without a
// fragment that is https, http on a loopback host, or a private-use scheme with a dot in it
// ("com.example.app:/cb") for native apps.
bool valid_redirect_uri(std::string_view uri, std::size_t max_bytes = 2048);

// Validates RFC 7591 client metadata and builds the client with a fresh id (and a secret unless
// token_endpoint_auth_method is "none"). Defaults: client_secret_basic, grant_types
// ["authorization_code"], as §2 says; authorization_code needs at least one redirect URI.
oauth_result<client> register_client(const boost::json::object& metadata, random_source& rnd,
                                     std::int64_t now, const registration_limits& lim = {});

// The RFC 7591 §3.2.1 answer: the metadata as registered plus client_id (and client_secret).
boost::json::object registration_response(const client& c);

// Credentials as the token request presented them.
struct presented_client {
  std::string id;
  std::optional<std::string> secret;
  bool via_basic = false;  // from the Authorization header rather than the body
};

// Clients by id. Not thread-safe: the issuer holds it behind its mutex.
class client_registry {
 public:
  explicit client_registry(std::vector<client> initial = {}, registration_limits lim = {});

  oauth_result<const client*> add(client c);
  const client* find(std::string_view id) const noexcept;
  std::size_t size() const noexcept { return clients_.size(); }

  // Client authentication at the token endpoint (RFC 6749 §2.3): public clients send no secret,
  // confidential ones send theirs (Basic or in the body); compared in constant time.
  oauth_result<const client*> authenticate(const presented_client& p) const;

 private:
  std::map<std::string, client, std::less<>> clients_;
  registration_limits limits_;
};

}  // namespace mcpgate::issuer
