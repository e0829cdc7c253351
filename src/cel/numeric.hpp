#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace mcpgate::cel {

// Comparisons between int64, uint64 and double. int against uint is exact at the edges (both
// converted to double, 2^63 - 1 and 2^63 would be equal).

// -1, 0 or 1; nullopt when a NaN makes the values unordered.
inline int compare_int_uint(std::int64_t a, std::uint64_t b) noexcept {
  if (a < 0) {
    return -1;
  }
  const auto ua = static_cast<std::uint64_t>(a);
  return ua < b ? -1 : (ua > b ? 1 : 0);
}

// CEL compares a double with an int or uint by converting the integer to double (the
// conformance suite fixes this: 9223372036854775807 < 9223372036854775808.0 is false).
inline std::optional<int> compare_double_int(double a, std::int64_t b) noexcept {
  if (std::isnan(a)) {
    return std::nullopt;
  }
  const auto bd = static_cast<double>(b);
  return a < bd ? -1 : (a > bd ? 1 : 0);
}

inline std::optional<int> compare_double_uint(double a, std::uint64_t b) noexcept {
  if (std::isnan(a)) {
    return std::nullopt;
  }
  const auto bd = static_cast<double>(b);
  return a < bd ? -1 : (a > bd ? 1 : 0);
}

inline std::optional<int> compare_double(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) {
    return std::nullopt;
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace mcpgate::cel
