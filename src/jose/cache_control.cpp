#include "jose/cache_control.hpp"
#include "core/ascii.hpp"

#include <algorithm>
#include <cstdint>

namespace mcpgate::jose {

using core::iequals;
using core::trim_ows;

namespace {

// delta-seconds (RFC 9111 §1.2.2): digits only; values past 2^31 mean "a very long time".
std::optional<std::int64_t> delta_seconds(std::string_view v) noexcept {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    v = v.substr(1, v.size() - 2);
  }
  if (v.empty()) {
    return std::nullopt;
  }
  constexpr std::int64_t saturate = 2147483648;
  std::int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    n = std::min(saturate, n * 10 + (c - '0'));
  }
  return n;
}

}  // namespace

std::optional<std::chrono::seconds> max_age_from_cache_control(std::string_view header) noexcept {
  std::optional<std::int64_t> result;
  const auto take = [&result](std::int64_t v) { result = result ? std::min(*result, v) : v; };
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto eq = item.find('=');
    const std::string_view name = trim_ows(item.substr(0, eq));
    if (eq == std::string_view::npos) {
      if (iequals(name, "no-store") || iequals(name, "no-cache")) {
        take(0);
      }
      continue;
    }
    if (iequals(name, "max-age")) {
      if (auto v = delta_seconds(trim_ows(item.substr(eq + 1)))) {
        take(*v);
      }
    }
  }
  if (!result) {
    return std::nullopt;
  }
  return std::chrono::seconds{*result};
}

}  // namespace mcpgate::jose
