#pragma once

#include <string_view>

namespace mcpgate::gateway {

enum class bearer_status {
  ok,
  missing,    // no Authorization header
  malformed,  // present but not `Bearer <token68>` (another scheme, bad characters, empty)
};

struct bearer_token {
  bearer_status status = bearer_status::missing;
  std::string_view token;  // points into the header value
};

// Extracts the token of an `Authorization: Bearer <token>` header value (RFC 6750 §2.1). The
// scheme is case-insensitive; exactly one space separates it from a token68 (RFC 7235 §2.1).
// Tokens in the query string or body are never looked at (DESIGN.md, Authentication).
bearer_token parse_bearer(std::string_view header_value, bool present) noexcept;

}  // namespace mcpgate::gateway
