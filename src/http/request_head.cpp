#include "http/request_head.hpp"

#include "core/ascii.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mcpgate::http {

namespace {

// RFC 9110 §5.6.2 tchar, the bytes of a method and a field name.
constexpr auto tchar_table = core::byte_table(
    "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

bool is_token(std::string_view s) noexcept {
  if (s.empty()) {
    return false;
  }
  for (const char c : s) {
    if (!tchar_table[static_cast<unsigned char>(c)]) {
      return false;
    }
  }
  return true;
}

// The lines of a header block, found in one pass that also checks every byte: printable ASCII,
// obs-text and HTAB anywhere (what may stand where is checked per line), CR only before LF and LF
// only after CR. Fills `ends` with the position of each line's CR and returns the number of
// lines; 0 when a byte is not allowed or there are more lines than `ends` holds.
template <std::size_t N>
std::size_t split_lines(std::string_view s, std::array<std::uint32_t, N>& ends) noexcept {
  const char* p = s.data();
  std::size_t lines = 0;
  // A byte below 0x20 or DEL.
  const auto control = [&](std::size_t at) noexcept {
    switch (p[at]) {
      case '\t':
        return true;
      case '\r':
        if (at + 1 >= s.size() || p[at + 1] != '\n' || lines == N) {
          return false;
        }
        ends[lines++] = static_cast<std::uint32_t>(at);
        return true;
      case '\n':
        return at > 0 && p[at - 1] == '\r';
      default:
        return false;
    }
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time; only the few control bytes (line ends) leave the vector loop.
  const __m128i below_space = _mm_set1_epi8(0x1f);
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i ctl = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(c, below_space), below_space),
                                     _mm_cmpeq_epi8(c, del));
    for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(ctl)); mask != 0; mask &= mask - 1) {
      if (!control(i + static_cast<std::size_t>(__builtin_ctz(mask)))) {
        return 0;
      }
    }
  }
#endif
  for (; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(p[i]);
    if ((u < 0x20 || u == 0x7f) && !control(i)) {
      return 0;
    }
  }
  return lines;
}

std::optional<std::uint64_t> decimal(std::string_view s) noexcept {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    return std::nullopt;  // empty, not all digits, or beyond 64 bits
  }
  return v;
}

}  // namespace

std::optional<std::uint64_t> parse_simple_request(std::string_view head, std::uint64_t max_body,
                                                  request& req) {
  // More fields than this are rare enough to leave to Beast.
  std::array<std::uint32_t, 64> ends;
  const std::size_t lines = split_lines(head, ends);
  // At least the request line and the empty one, which ends the bytes.
  if (lines < 2 || ends[lines - 1] + 2 != head.size() || ends[lines - 1] != ends[lines - 2] + 2) {
    return std::nullopt;
  }
  // Request line: method SP target SP version.
  const std::string_view line = head.substr(0, ends[0]);
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || target.empty()) {
    return std::nullopt;
  }
  for (const char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return std::nullopt;
    }
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return std::nullopt;
  }
  req.target({target.data(), target.size()});
  const beast::string_view method_text{method.data(), method.size()};
  if (const auto v = beast::http::string_to_verb(method_text); v != verb::unknown) {
    req.method(v);
  } else {
    req.method_string(method_text);
  }
  req.version(version.back() == '1' ? 11 : 10);

  // Fields: every line between the request line and the empty one.
  std::optional<std::uint64_t> content_length;
  for (std::size_t k = 1; k + 1 < lines; ++k) {
    const std::size_t at = ends[k - 1] + 2;
    const std::string_view field_line = head.substr(at, ends[k] - at);
    const auto colon = field_line.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;  // also an empty line before the last: bytes after the header
    }
    const std::string_view name = field_line.substr(0, colon);
    const std::string_view value = core::trim_ows(field_line.substr(colon + 1));
    if (!is_token(name)) {
      return std::nullopt;  // also a continuation line (obs-fold), which starts with SP or HTAB
    }
    const beast::string_view name_text{name.data(), name.size()};
    const field f = beast::http::string_to_field(name_text);
    switch (f) {
      case field::transfer_encoding:
      case field::proxy_connection:
        return std::nullopt;
      case field::connection:
        if (!is_token(value)) {
          return std::nullopt;
        }
        break;
      case field::content_length: {
        const auto length = decimal(value);
        if (content_length || !length || *length > max_body) {
          return std::nullopt;
        }
        content_length = length;
        break;
      }
      default:
        break;
    }
    req.insert(f, name_text, beast::string_view{value.data(), value.size()});
  }
  return content_length.value_or(0);
}

}  // namespace mcpgate::http
