#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <type_traits>

namespace mcpgate::jose {

// Why a token, key or key set was refused. Each value is a class the gateway logs and counts
// under its short name (error_class()); the message says more. Values are stable: metrics and
// logs key on the names, so add new ones at the end.
enum class errc {
  ok = 0,
  malformed = 1,          // not a compact JWS: segments, base64url, size, payload not a JSON object
  malformed_header = 2,   // protected header is not a JSON object or a member has the wrong type
  malformed_claim = 3,    // a registered claim has the wrong type or an absurd value
  duplicate_member = 4,   // a JSON object names a member twice (parser differential risk)
  limits = 5,             // token or JSON larger or deeper than the configured limit
  jwe_not_supported = 6,  // five segments: an encrypted token, refused before any crypto
  alg_not_allowed = 7,    // alg is "none", unknown, HMAC from a key set, or not allow-listed
  crit = 8,               // crit names an extension we do not understand, or b64:false
  unknown_kid = 9,        // no usable key for the token's kid (or no kid at all)
  key_alg_mismatch = 10,  // the selected key's kty/crv cannot be used with the header's alg
  bad_key = 11,           // a key failed the import checks (size, exponent, curve point)
  bad_signature = 12,     // the signature does not verify, or has the wrong length or encoding
  typ = 13,               // typ is not absent/JWT/at+jwt/application/at+jwt
  iss = 14,               // iss missing or not exactly the configured issuer
  aud = 15,               // aud missing or does not contain a configured audience
  expired = 16,           // now >= exp + skew
  not_yet_valid = 17,     // now + skew < nbf
  iat = 18,               // issued in the future (iat > now + skew)
  missing_claim = 19,     // a required claim (exp) is absent
  unsupported = 20,       // a well-formed key or request this implementation does not handle
  no_keys = 21,           // the key set is unavailable (never fetched, or stale beyond max age)
  crypto = 22,            // OpenSSL failed for a reason that is not the input's fault
};

const boost::system::error_category& jose_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), jose_category()};
}

// The short class name of a jose error ("bad_signature"), or "internal" for other categories.
std::string_view error_class(const error_code& ec) noexcept;

// The one-line form used by the CLI and the logs: "<class>: <description>".
std::string describe(const error_code& ec);

}  // namespace mcpgate::jose

template <>
struct boost::system::is_error_code_enum<mcpgate::jose::errc> : std::true_type {};
