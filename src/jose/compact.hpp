#pragma once

#include "core/result.hpp"
#include "jose/algorithm.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace mcpgate::jose {

struct jws_limits {
  // Checked before any decoding. Auth0 access tokens are ~1 KB; 16 KiB leaves room for custom
  // claims without letting a client make us base64-decode and parse megabytes per request.
  std::size_t max_token_bytes = 16 * 1024;
  // Nesting of the header and the claims (a claim 1000 levels deep is an attack, not data).
  std::size_t max_json_depth = 32;
};

// The protected header members this module acts on. jku, x5u, jwk and x5c are deliberately not
// read: keys come only from configuration (RFC 8725 §3.10).
struct jws_header {
  jose::alg alg = alg::rs256;
  std::string kid;
  bool has_kid = false;
  std::string typ;
  bool has_typ = false;
};

// A compact JWS split and decoded once. signing_input views the caller's token.
struct parsed_jws {
  std::string_view signing_input;  // "<header>.<payload>" exactly as received
  jws_header header;
  std::string payload;    // decoded payload bytes
  std::string signature;  // decoded signature bytes
};

// Strict compact-serialization parse (RFC 7515 §7.1): exactly three base64url segments without
// padding, a JSON-object header without duplicate members, a known algorithm (never "none"), no
// critical extensions, no b64:false. A five-segment JWE is refused before any decoding. The
// algorithm allowlist and the signature are checked by the caller.
result<parsed_jws> parse_compact(std::string_view token, const jws_limits& lim = {});

// Decodes header and payload without any check beyond base64url (for `mcpgate jwt decode`).
struct unverified_parts {
  std::string header;
  std::string payload;
};
result<unverified_parts> split_unverified(std::string_view token, const jws_limits& lim = {});

}  // namespace mcpgate::jose
