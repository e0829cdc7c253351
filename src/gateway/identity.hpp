#pragma once

#include "core/clock.hpp"
#include "gateway/authenticator.hpp"
#include "jose/signer.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace mcpgate::gateway {

// The issuer of identity assertions; the demo server checks it (server/identity.hpp).
inline constexpr std::string_view assertion_issuer = "mcpgate";

// Signs the short-lived identity assertion the backend receives instead of the caller's token
// (DESIGN.md, Authentication; the MCP specification forbids token passthrough). Its claims are
// the caller's verified claims with iss = "mcpgate", aud = the backend, a fresh iat/exp, and the
// caller's original issuer and audience kept as "idp" and "idp_aud".
class identity_signer {
 public:
  identity_signer(jose::signing_key key, std::chrono::seconds ttl, const core::clock& clock);

  // The assertion for `who` towards `audience`, re-signed only when the cached one (kept on the
  // caller, which belongs to one worker) is for another audience or past half its lifetime.
  // Empty when signing fails (logged by the caller; the request then goes without identity).
  const std::string& assertion_for(const caller& who, std::string_view audience) const;

  // {"keys":[…]}: served at /.well-known/mcpgate/jwks.json for backends to verify with.
  const std::string& jwks_json() const noexcept { return jwks_json_; }

 private:
  jose::signing_key key_;
  std::chrono::seconds ttl_;
  const core::clock& clock_;
  std::string jwks_json_;
};

}  // namespace mcpgate::gateway
