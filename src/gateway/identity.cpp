#include "gateway/identity.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace mcpgate::gateway {

namespace bj = boost::json;

identity_signer::identity_signer(jose::signing_key key, std::chrono::seconds ttl,
                                 const core::clock& clock)
    : key_{std::move(key)}, ttl_{ttl}, clock_{clock} {
  auto jwks = jose::public_jwks(key_);
  if (!jwks) {
    throw std::runtime_error("identity key: cannot export the public key: " +
                             jwks.error().message());
  }
  jwks_json_ = bj::serialize(*jwks);
}

const std::string& identity_signer::assertion_for(const caller& who,
                                                  std::string_view audience) const {
  const std::int64_t now = clock_.unix_seconds();
  if (!who.assertion.empty() && who.assertion_audience == audience &&
      who.assertion_expires - now > ttl_.count() / 2) {
    return who.assertion;
  }
  bj::object claims = who.token.claims;
  // Read from the caller's claims, not from `claims`: inserting into `claims` may grow it and
  // leave a pointer into it dangling (the benchmark's many-token run crashed on exactly that).
  if (const auto* iss = who.token.claims.if_contains("iss")) {
    claims["idp"] = *iss;
  }
  if (const auto* aud = who.token.claims.if_contains("aud")) {
    claims["idp_aud"] = *aud;
  }
  claims.erase("nbf");
  claims.erase("jti");
  claims["iss"] = assertion_issuer;
  claims["aud"] = audience;
  claims["iat"] = now;
  // Never outlive the caller's own token.
  const std::int64_t exp =
      who.expires > 0 ? std::min(now + ttl_.count(), who.expires) : now + ttl_.count();
  claims["exp"] = exp;
  auto signed_jwt = jose::sign(bj::object{{"typ", "JWT"}}, claims, key_);
  who.assertion = signed_jwt ? std::move(*signed_jwt) : std::string{};
  who.assertion_audience = std::string{audience};
  who.assertion_expires = exp;
  return who.assertion;
}

}  // namespace mcpgate::gateway
