#include "config/units.hpp"

#include <array>
#include <utility>

namespace mcpgate::config {

namespace {

// Reads the decimal digits at the front of text; nullopt when there are none or too many to be a
// sane configuration value (nine digits keep every product below 2^63).
std::optional<std::uint64_t> take_number(std::string_view& text) {
  constexpr std::size_t max_digits = 9;
  std::size_t n = 0;
  std::uint64_t value = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
    if (n == max_digits) {
      return std::nullopt;
    }
    value = value * 10 + static_cast<std::uint64_t>(text[n] - '0');
    ++n;
  }
  if (n == 0) {
    return std::nullopt;
  }
  text.remove_prefix(n);
  return value;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  // Longest unit names first so that "ms" is not read as "m" followed by garbage.
  constexpr std::array<std::pair<std::string_view, std::int64_t>, 4> units{{
      {"ms", 1},
      {"s", 1000},
      {"m", 60 * 1000},
      {"h", 60 * 60 * 1000},
  }};
  if (text.empty()) {
    return std::nullopt;
  }
  std::chrono::milliseconds total{0};
  while (!text.empty()) {
    auto number = take_number(text);
    if (!number) {
      return std::nullopt;
    }
    bool matched = false;
    for (const auto& [name, factor] : units) {
      if (text.substr(0, name.size()) == name) {
        total += std::chrono::milliseconds{static_cast<std::int64_t>(*number) * factor};
        text.remove_prefix(name.size());
        matched = true;
        break;
      }
    }
    if (!matched || total > max_duration) {
      return std::nullopt;
    }
  }
  return total;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, std::uint64_t>, 4> units{{
      {"KiB", std::uint64_t{1} << 10},
      {"MiB", std::uint64_t{1} << 20},
      {"GiB", std::uint64_t{1} << 30},
      {"B", 1},
  }};
  auto number = take_number(text);
  if (!number) {
    return std::nullopt;
  }
  std::uint64_t factor = 1;
  if (!text.empty()) {
    bool matched = false;
    for (const auto& [name, f] : units) {
      if (text == name) {
        factor = f;
        matched = true;
        break;
      }
    }
    if (!matched) {
      return std::nullopt;
    }
  }
  const std::uint64_t value = *number * factor;  // < 10^9 * 2^30 < 2^60: cannot overflow
  if (value > max_size_bytes) {
    return std::nullopt;
  }
  return value;
}

}  // namespace mcpgate::config
