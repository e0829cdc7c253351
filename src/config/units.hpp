#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mcpgate::config {

// The longest duration a config may name; larger values are typos, not intentions, and keeping
// below it means no arithmetic on a parsed duration can overflow.
inline constexpr std::chrono::hours max_duration{24 * 365};

// "250ms", "30s", "5m", "1h", or a sequence of them as Go writes durations ("1h30m"). Units are
// required; each number is a non-negative integer. nullopt when malformed or above max_duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The largest size a config may name (1 TiB); see max_duration for why.
inline constexpr std::uint64_t max_size_bytes = std::uint64_t{1} << 40;

// "16KiB", "4MiB", "1GiB", "512B" or plain bytes "65536". nullopt when malformed or too large.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace mcpgate::config
