#pragma once

#include "core/result.hpp"
#include "issuer/scope.hpp"
#include "jose/signer.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace mcpgate::issuer {

// The Auth0 Action in the reference puts roles under this namespaced claim.
inline constexpr std::string_view roles_claim = "https://mcp-demo/roles";

// Random bytes in a token's jti: unique per token, so a log line can name one.
inline constexpr std::size_t jti_bytes = 16;

// Who and what an access token is for, after scopes were intersected.
struct token_subject {
  std::string sub;
  std::string client_id;  // azp
  std::string audience;
  granted_scope scope;
  std::vector<std::string> roles;
  bool client_credentials = false;  // adds Auth0's gty
};

// Claims shaped like an Auth0 access token: iss (with its trailing slash), sub, aud, iat, exp,
// jti, azp, scope (space-separated; absent when empty, as Auth0 does), permissions, roles.
boost::json::object access_token_claims(std::string_view issuer_id, const token_subject& s,
                                        std::int64_t now, std::chrono::seconds ttl,
                                        std::string jti);

// Signs claims as a JWT with typ "at+jwt" (RFC 9068), alg and kid from the key.
result<std::string> sign_access_token(const boost::json::object& claims,
                                      const jose::signing_key& key);

}  // namespace mcpgate::issuer
