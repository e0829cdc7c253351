#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mcpgate::cel::utf8 {

// CEL strings are sequences of code points; these helpers index UTF-8 text by code point.
// Input strings are valid UTF-8 (literals, JSON and conversions guarantee it).

inline bool is_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

inline std::size_t length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) {
    n += is_continuation(c) ? 0 : 1;
  }
  return n;
}

// Byte offset of code point `index`, or s.size() when index == length; npos when beyond.
inline std::size_t offset_of(std::string_view s, std::size_t index) noexcept {
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i])) {
      if (cp == index) {
        return i;
      }
      ++cp;
    }
  }
  return cp == index ? s.size() : std::string_view::npos;
}

// Decodes the code point at `pos` and advances it; returns 0xFFFFFFFF on invalid input.
inline std::uint32_t next(std::string_view s, std::size_t& pos) noexcept {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++pos;
    return 0xFFFFFFFF;
  }
  if (pos + len > s.size()) {
    pos = s.size();
    return 0xFFFFFFFF;
  }
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      pos += i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0xFFFFFFFF;
  }
  return cp;
}

inline bool valid(std::string_view s) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (next(s, pos) == 0xFFFFFFFF) {
      return false;
    }
  }
  return true;
}

}  // namespace mcpgate::cel::utf8
