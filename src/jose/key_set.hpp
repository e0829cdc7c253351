#pragma once

#include "core/result.hpp"
#include "jose/compact.hpp"
#include "jose/jwk.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::jose {

struct jwks_options {
  jwk_options key;
  // Auth0 and Entra publish a handful of keys; thousands would make a cheap DoS of the import.
  std::size_t max_keys = 64;
  std::size_t max_document_bytes = 256 * 1024;
  std::size_t max_json_depth = 16;
};

// A key the set could not use, kept so that a token naming its kid reports why (bad_key) rather
// than unknown_kid, and so operators see the reason in the logs.
struct skipped_key {
  std::string kid;
  std::size_t index = 0;  // position in the "keys" array
  error_code reason;
};

// Keys a token may be verified with, in JWKS order. Two keys may share a kid during a sloppy
// rotation; trying a few is safe (vector jwt-jwks-duplicate-kid), unbounded tries are not.
inline constexpr std::size_t max_key_candidates = 4;

struct key_candidates {
  std::array<const jwk*, max_key_candidates> keys{};
  std::size_t count = 0;
};

// An immutable, imported JSON Web Key Set.
class key_set {
 public:
  key_set() = default;
  explicit key_set(std::vector<jwk> keys, std::vector<skipped_key> skipped = {})
      : keys_{std::move(keys)}, skipped_{std::move(skipped)} {}

  // Parses a JWKS document. The document must be a JSON object with a "keys" array; each entry
  // that cannot be used (symmetric, too small, off-curve, unknown kty, …) is skipped with its
  // reason. An "oct" key is never imported from a key set.
  static result<key_set> parse(std::string_view json, const jwks_options& opt = {});

  const std::vector<jwk>& keys() const noexcept { return keys_; }
  const std::vector<skipped_key>& skipped() const noexcept { return skipped_; }
  bool empty() const noexcept { return keys_.empty(); }

  // The keys that may verify a token with this header. Errors: unknown_kid (no kid, or no key
  // with that kid usable for verification with the header's alg), bad_key (the kid names a key
  // that failed import), key_alg_mismatch (the kid names keys of another type or curve).
  error_code select(const jws_header& header, key_candidates& out) const noexcept;

 private:
  std::vector<jwk> keys_;
  std::vector<skipped_key> skipped_;
};

}  // namespace mcpgate::jose
