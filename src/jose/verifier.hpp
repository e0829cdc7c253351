#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/claims.hpp"
#include "jose/compact.hpp"
#include "jose/jwk.hpp"
#include "jose/key_set.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mcpgate::jose {

// Everything a provider checks besides the keys. Build once per configuration snapshot.
struct verify_options {
  // HMAC algorithms are refused here whatever this set says: a key set never holds a secret.
  alg_set algorithms = alg_set::all_asymmetric();
  claim_rules claims;
  jws_limits limits;
};

// A verified access token: the claims (bound as the CEL `jwt` variable) and the header members
// that selected the key.
struct verified_token {
  boost::json::object claims;
  jws_header header;
};

// Full access-token validation: strict parse, allowlist, key selection by kid, signature, then
// claims against `now` (Unix seconds). The token is parsed once; the payload JSON is parsed only
// after its signature verified. errc::unknown_kid tells a remote key source to consider a
// refetch (see jwks_cache).
result<verified_token> verify_jwt(std::string_view token, const key_set& keys,
                                  const verify_options& opt, std::int64_t now);

inline result<verified_token> verify_jwt(std::string_view token, const key_set& keys,
                                         const verify_options& opt, const core::clock& clock) {
  return verify_jwt(token, keys, opt, clock.unix_seconds());
}

// Signature-layer validation against one given key: structure, crit, allowlist, key/alg
// consistency and signature, no claim checks (the payload need not be JSON). This is the only
// entry point that accepts HMAC, and only with an "oct" key imported with allow_symmetric and
// an HS* algorithm in `allowed`.
struct verified_jws {
  jws_header header;
  std::string payload;
};
result<verified_jws> verify_jws(std::string_view token, const jwk& key, alg_set allowed,
                                const jws_limits& lim = {});

}  // namespace mcpgate::jose
