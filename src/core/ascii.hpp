#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace mcpgate::core {

// ASCII-only case folding for protocol tokens (HTTP field names, auth schemes, media types,
// JOSE typ values): locale-independent, and never folds non-ASCII bytes.
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) {
      return false;
    }
  }
  return true;
}

constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// `s` without the optional whitespace (spaces and tabs, RFC 9110 §5.6.3) around it.
constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// A table saying, for each byte value, whether it is one of `chars`: for classes of bytes checked
// in a loop (token characters, token68), where a chain of comparisons per byte would be slower.
constexpr std::array<bool, 256> byte_table(std::string_view chars) noexcept {
  std::array<bool, 256> table{};
  for (const char c : chars) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}

// A lower-case (ASCII) copy of `s`.
inline std::string ascii_lowered(std::string_view s) {
  std::string out{s};
  for (char& c : out) {
    c = ascii_lower(c);
  }
  return out;
}

// Calls fn(element) for each element of a list separated by `separator`, with the optional
// whitespace around it trimmed; empty elements are skipped.
template <class Fn>
constexpr void for_each_separated(std::string_view list, char separator, Fn&& fn) {
  while (!list.empty()) {
    const auto at = list.find(separator);
    const auto element = trim_ows(list.substr(0, at));
    if (!element.empty()) {
      fn(element);
    }
    list = at == std::string_view::npos ? std::string_view{} : list.substr(at + 1);
  }
}

// Each element of an HTTP comma-separated list (RFC 9110 §5.6.1), trimmed, empty ones skipped as
// the RFC asks.
template <class Fn>
constexpr void for_each_list_element(std::string_view list, Fn&& fn) {
  for_each_separated(list, ',', std::forward<Fn>(fn));
}

}  // namespace mcpgate::core
