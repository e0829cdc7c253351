#include "cel/literal.hpp"

#include <charconv>
#include <cstdlib>
#include <limits>

namespace mcpgate::cel {

namespace {

compile_error fail(const token& t, std::size_t at, std::string detail) {
  return {make_error_code(errc::bad_literal), t.offset + at, std::move(detail)};
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

result<std::string, compile_error> decode_quoted(const token& t) {
  const std::string_view text = t.text;
  std::size_t p = 0;
  bool raw = false;
  bool bytes = false;
  while (text[p] != '"' && text[p] != '\'') {
    raw = raw || text[p] == 'r' || text[p] == 'R';
    bytes = bytes || text[p] == 'b' || text[p] == 'B';
    ++p;
  }
  const char q = text[p];
  const bool triple = text.size() - p >= 6 && text[p + 1] == q && text[p + 2] == q;
  const std::size_t quote_len = triple ? 3 : 1;
  const std::size_t begin = p + quote_len;
  const std::size_t end = text.size() - quote_len;
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end;) {
    const char c = text[i];
    if (c == '\r') {
      // A literal CR or CRLF inside a triple-quoted string is a newline, as in the grammar.
      out += '\n';
      i += (i + 1 < end && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || raw) {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= end) {
      return fail(t, i, "dangling backslash");
    }
    const char e = text[i + 1];
    i += 2;
    switch (e) {
      case '\\':
      case '?':
      case '"':
      case '\'':
      case '`':
        out += e;
        continue;
      case 'a':
        out += '\a';
        continue;
      case 'b':
        out += '\b';
        continue;
      case 'f':
        out += '\f';
        continue;
      case 'n':
        out += '\n';
        continue;
      case 'r':
        out += '\r';
        continue;
      case 't':
        out += '\t';
        continue;
      case 'v':
        out += '\v';
        continue;
      default:
        break;
    }
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    int base = 16;
    if (e == 'x' || e == 'X') {
      digits = 2;
    } else if (e == 'u') {
      digits = 4;
    } else if (e == 'U') {
      digits = 8;
    } else if (e >= '0' && e <= '3') {
      base = 8;
      digits = 2;
      cp = static_cast<std::uint32_t>(e - '0');
    } else {
      return fail(t, i - 2, "unknown escape sequence");
    }
    if (i + digits > end) {
      return fail(t, i - 2, "truncated escape sequence");
    }
    for (std::size_t k = 0; k < digits; ++k) {
      const int d = hex_value(text[i + k]);
      if (d < 0 || d >= base) {
        return fail(t, i - 2, "invalid digit in escape sequence");
      }
      cp = cp * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
    }
    i += digits;
    const bool single_byte = e == 'x' || e == 'X' || base == 8;
    if (bytes && single_byte) {
      out += static_cast<char>(cp);
      continue;
    }
    if (bytes && (e == 'u' || e == 'U')) {
      return fail(t, i - digits - 2, "unicode escape in bytes literal");
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return fail(t, i - digits - 2, "escape is not a Unicode scalar value");
    }
    append_utf8(out, cp);
  }
  return out;
}

result<std::int64_t, compile_error> decode_int(const token& t, bool negative) {
  std::string_view s = t.text;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  std::uint64_t magnitude = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    return fail(t, 0, "integer literal out of range");
  }
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (magnitude > max + 1) {
      return fail(t, 0, "integer literal out of range");
    }
    return magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min()
                                : -static_cast<std::int64_t>(magnitude);
  }
  if (magnitude > max) {
    return fail(t, 0, "integer literal out of range");
  }
  return static_cast<std::int64_t>(magnitude);
}

result<std::uint64_t, compile_error> decode_uint(const token& t) {
  std::string_view s = t.text.substr(0, t.text.size() - 1);  // drop the u suffix
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    return fail(t, 0, "unsigned literal out of range");
  }
  return v;
}

result<double, compile_error> decode_double(const token& t) {
  // strtod needs a terminated buffer; literals are short.
  const std::string s{t.text};
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) {
    return fail(t, 0, "malformed floating-point literal");
  }
  return d;
}

}  // namespace mcpgate::cel
