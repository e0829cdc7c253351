#include "json/scan.hpp"

#include "json/strict.hpp"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mcpgate::json {

namespace {

bool is_whitespace(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The bytes a number, true, false or null is made of.
bool is_scalar_byte(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
         c == '-' || c == '.';
}

// Just past the quote that closes a string, from `i` inside it (after its opening quote). A
// backslash escapes the byte after it, the only one that could be a quote (`\u` is followed by
// hex digits).
std::size_t string_close(std::string_view text, std::size_t i) noexcept {
  for (; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return npos;
}

// Just past the string whose opening quote is at `pos`.
std::size_t string_end(std::string_view text, std::size_t pos) noexcept {
  return pos < text.size() && text[pos] == '"' ? string_close(text, pos + 1) : npos;
}

#if defined(__SSE2__)
// Bit k set where byte k of the block is `c`.
unsigned matches(__m128i block, char c) noexcept {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(c))));
}

// Bit k set where an odd number of bits 0..k of `bits` are set.
unsigned prefix_xor(unsigned bits) noexcept {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  return bits & 0xffff;
}
#endif

// Just past the bracket that closes the object or array opening at `pos`. Brackets are only
// counted, not matched by kind: validate() already matched them. Blocks of 16 bytes without a
// backslash are taken at once: quotes toggle the string state, so the bytes inside strings are
// a prefix XOR of the quotes, and brackets outside them are counted; other bytes one at a time.
std::size_t container_end(std::string_view text, std::size_t pos) noexcept {
  const char* const data = text.data();
  std::size_t depth = 0;
  bool in_string = false;
  std::size_t i = pos;
  // The bytes from i to at least `stop`, one by one (a string is taken whole); true when the
  // container closed, i just past it.
  const auto bytes = [&](std::size_t stop) {
    while (i < stop) {
      if (in_string) {
        i = string_close(text, i);
        if (i == npos) {
          i = text.size();
          return false;
        }
        in_string = false;
        continue;
      }
      const char c = data[i++];
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return true;
      }
    }
    return false;
  };
#if defined(__SSE2__)
  while (i + 16 <= text.size()) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    if (matches(block, '\\') != 0) {
      if (bytes(i + 16)) {
        return i;
      }
      continue;
    }
    const unsigned strings = prefix_xor(matches(block, '"')) ^ (in_string ? 0xffffu : 0u);
    in_string = (strings >> 15) != 0;
    // '[' and ']' differ from '{' and '}' in bit 5 only, and no other byte becomes one of those.
    const __m128i folded = _mm_or_si128(block, _mm_set1_epi8(0x20));
    const unsigned opens = matches(folded, '{') & ~strings;
    const unsigned closes = matches(folded, '}') & ~strings;
    for (unsigned brackets = opens | closes; brackets != 0; brackets &= brackets - 1) {
      const int at = std::countr_zero(brackets);
      if ((opens >> at) & 1u) {
        ++depth;
      } else if (--depth == 0) {
        return i + static_cast<std::size_t>(at) + 1;
      }
    }
    i += 16;
  }
#endif
  return bytes(text.size()) ? i : npos;
}

// From `pos` (just past an opening bracket or a previous item), the offset where the next item
// starts, or that of the closing bracket `close`; npos if neither comes next.
std::size_t next_item(std::string_view text, std::size_t pos, bool first, char close) noexcept {
  std::size_t p = skip_whitespace(text, pos);
  if (p >= text.size()) {
    return npos;
  }
  if (text[p] == close) {
    return p;
  }
  if (!first) {
    if (text[p] != ',') {
      return npos;
    }
    p = skip_whitespace(text, p + 1);
    if (p >= text.size() || text[p] == close) {
      return npos;
    }
  }
  return p;
}

}  // namespace

std::size_t skip_whitespace(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size() && is_whitespace(text[pos])) {
    ++pos;
  }
  return std::min(pos, text.size());
}

std::size_t value_end(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) {
    return npos;
  }
  switch (text[pos]) {
    case '"':
      return string_end(text, pos);
    case '{':
    case '[':
      return container_end(text, pos);
    default:
      break;
  }
  std::size_t end = pos;
  while (end < text.size() && is_scalar_byte(text[end])) {
    ++end;
  }
  return end == pos ? npos : end;
}

std::optional<std::string_view> decode_string(std::string_view token, std::string& buffer) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') {
    return std::nullopt;
  }
  const std::string_view raw = token.substr(1, token.size() - 2);
  if (std::none_of(raw.begin(), raw.end(), [](char c) { return c == '\\' || c == '"'; })) {
    return raw;
  }
  // Escapes are decoded by the strict parser itself, so that a name means here exactly what it
  // meant to validate(); this also rejects a token that is not one string.
  auto decoded = parse(token, limits{token.size()});
  if (!decoded || !decoded->is_string()) {
    return std::nullopt;
  }
  const auto& s = decoded->get_string();
  buffer.assign(s.data(), s.size());
  return std::string_view{buffer};
}

std::optional<std::size_t> find_member(std::string_view text, std::size_t pos,
                                       std::string_view name) {
  if (pos >= text.size() || text[pos] != '{') {
    return std::nullopt;
  }
  std::string buffer;
  std::size_t p = pos + 1;
  for (bool first = true;; first = false) {
    p = next_item(text, p, first, '}');
    if (p == npos) {
      return std::nullopt;
    }
    if (text[p] == '}') {
      return npos;
    }
    const std::size_t key_end = string_end(text, p);
    if (key_end == npos) {
      return std::nullopt;
    }
    const std::size_t colon = skip_whitespace(text, key_end);
    if (colon >= text.size() || text[colon] != ':') {
      return std::nullopt;
    }
    const std::size_t value = skip_whitespace(text, colon + 1);
    const auto key = decode_string(text.substr(p, key_end - p), buffer);
    if (!key || value >= text.size()) {
      return std::nullopt;
    }
    if (*key == name) {
      return value;
    }
    p = value_end(text, value);
    if (p == npos) {
      return std::nullopt;
    }
  }
}

array_reader::array_reader(std::string_view text, std::size_t pos) noexcept
    : text_{text},
      pos_{pos + 1},
      state_{pos < text.size() && text[pos] == '[' ? state::first : state::failed} {}

std::optional<range> array_reader::next() noexcept {
  if (state_ == state::done || state_ == state::failed) {
    return std::nullopt;
  }
  const std::size_t begin = next_item(text_, pos_, state_ == state::first, ']');
  if (begin != npos && text_[begin] == ']') {
    state_ = state::done;
    return std::nullopt;
  }
  const std::size_t end = value_end(text_, begin);
  if (end == npos) {
    state_ = state::failed;
    return std::nullopt;
  }
  pos_ = end;
  state_ = state::more;
  return range{begin, end};
}

}  // namespace mcpgate::json
