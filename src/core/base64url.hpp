#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mcpgate::core {

// Base64url (RFC 4648 §5) without padding, as JOSE uses it (RFC 7515 §2). Decoding is strict:
// no padding, no '+' or '/', no whitespace, and the last character must be canonical (its unused
// low bits zero), so every byte string has exactly one accepted encoding.
std::string base64url_encode(std::string_view bytes);

result<std::string> base64url_decode(std::string_view text);

// Decodes into `out` (cleared first); avoids an allocation when `out` has capacity.
error_code base64url_decode_into(std::string_view text, std::string& out);

}  // namespace mcpgate::core
