#include "gateway/bearer.hpp"
#include "core/ascii.hpp"

#include <array>

namespace mcpgate::gateway {

using core::iequals;

namespace {

// A table, not a chain of comparisons: every request's token (~1 KB) goes through it.
constexpr auto token68_chars = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : std::string_view{"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-._~+/"}) {
    table[c] = true;
  }
  return table;
}();

bool is_token68_char(char c) noexcept {
  return token68_chars[static_cast<unsigned char>(c)];
}

}  // namespace

bearer_token parse_bearer(std::string_view value, bool present) noexcept {
  if (!present) {
    return {bearer_status::missing, {}};
  }
  constexpr std::string_view scheme = "Bearer";
  if (value.size() <= scheme.size() + 1 || !iequals(value.substr(0, scheme.size()), scheme) ||
      value[scheme.size()] != ' ') {
    return {bearer_status::malformed, {}};
  }
  const std::string_view token = value.substr(scheme.size() + 1);
  std::size_t i = 0;
  while (i < token.size() && is_token68_char(token[i])) {
    ++i;
  }
  if (i == 0) {
    return {bearer_status::malformed, {}};
  }
  while (i < token.size() && token[i] == '=') {
    ++i;
  }
  if (i != token.size()) {
    return {bearer_status::malformed, {}};
  }
  return {bearer_status::ok, token};
}

}  // namespace mcpgate::gateway
