#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mcpgate::jose {

// The freshness lifetime a JWKS response grants (RFC 9111 §5.2.2): max-age=N, or zero for
// no-store/no-cache; nullopt when the header says nothing usable. Directive names compare
// case-insensitively; a quoted value is accepted; huge values saturate. When max-age appears
// more than once the smallest wins (the safe reading of an invalid header).
std::optional<std::chrono::seconds> max_age_from_cache_control(std::string_view header) noexcept;

}  // namespace mcpgate::jose
