#pragma once

#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/pkey.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::jose {

// Checks applied when a JWK is imported (RFC 8725 §3.5: validate keys, not only tokens).
struct jwk_options {
  std::size_t min_rsa_bits = 2048;
  // RSA verification cost grows with the modulus; a huge key in a JWKS would be a cheap DoS.
  std::size_t max_rsa_bits = 8192;
  // Symmetric ("oct") keys are refused unless a caller verifying a single JWS asks for them:
  // a key set never supplies an HMAC secret (the RS256/HS256 confusion, CVE-2016-10555).
  bool allow_symmetric = false;
};

enum class key_use : std::uint8_t { unspecified, sig, other };

// One imported public key (or HMAC secret), ready to verify: the EVP_PKEY is built and checked
// once at import, so a request only runs the signature operation.
struct jwk {
  key_family kty = key_family::rsa;
  std::string kid;
  bool has_kid = false;
  std::string crv;               // "P-256", "P-384", "P-521", "Ed25519" for EC/OKP
  std::optional<jose::alg> alg;  // the JWK's own "alg", when it names a JWS algorithm
  bool alg_foreign = false;      // "alg" present but not a JWS algorithm we know (e.g. RSA-OAEP)
  key_use use = key_use::unspecified;
  bool has_key_ops = false;
  bool key_ops_verify = false;
  std::size_t bits = 0;  // RSA modulus size
  pkey key;              // asymmetric keys
  std::string secret;    // oct keys only
};

// Imports one JWK object. Private members (d, p, q, …) are ignored: verification needs only the
// public part, and signing keys come from PEM (see signer.hpp).
result<jwk> import_jwk(const boost::json::object& obj, const jwk_options& opt = {});

// Parses and imports one JWK document (strict JSON).
result<jwk> parse_jwk(std::string_view json, const jwk_options& opt = {});

// Whether the key may verify a token with `a`. `unknown_kid` when its use, key_ops or alg
// exclude verification with `a` (the key is not a candidate at all); `key_alg_mismatch` when
// kty/crv cannot do `a` (a candidate was found but is of the wrong type).
error_code check_usable(const jwk& key, jose::alg a) noexcept;

// The public JWK of an asymmetric key (kty and key members only; the caller adds kid/alg/use).
result<boost::json::object> public_jwk_of(EVP_PKEY* key);

// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public JWK: its required members (RSA: e,
// kty, n; EC: crv, kty, x, y; OKP: crv, kty, x) in that order, without white space. Empty when
// the JWK lacks one of them. A kid derived from the key itself: copies of one key agree on it.
std::string jwk_thumbprint(const boost::json::object& public_jwk);

// The default JWS algorithm for a key: RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519.
std::optional<jose::alg> default_alg_for(EVP_PKEY* key) noexcept;

}  // namespace mcpgate::jose
