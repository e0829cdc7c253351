#pragma once

#include "core/result.hpp"

#include <string>

namespace mcpgate::server {

// Bytes of randomness in a session id: 256 bits, so ids cannot be guessed or enumerated.
inline constexpr std::size_t session_id_bytes = 32;

// A new session id from OpenSSL's CSPRNG (RAND_bytes), base64url without padding: visible ASCII
// only, as Streamable HTTP requires. Fails only when the CSPRNG does.
result<std::string> new_session_id();

}  // namespace mcpgate::server
