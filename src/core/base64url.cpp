#include "core/base64url.hpp"

#include "core/error.hpp"

#include <array>

namespace mcpgate::core {

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table) {
    entry = -1;
  }
  for (int i = 0; i < 64; ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}

constexpr auto decode_table = make_decode_table();

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t n = byte(i) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
  }
  return out;
}

error_code base64url_decode_into(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 == 1) {
    // No byte string encodes to this length; a stray character is the likelier (and more useful)
    // report.
    for (const char c : text) {
      if (decode_table[static_cast<unsigned char>(c)] < 0) {
        return errc::base64_bad_character;
      }
    }
    return errc::base64_bad_length;
  }
  // Four characters at a time: token decoding is on the gateway's request path.
  out.resize(text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1));
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  const std::size_t full = text.size() / 4 * 4;
  for (; i < full; i += 4) {
    const int a = decode_table[in[i]], b = decode_table[in[i + 1]], c = decode_table[in[i + 2]],
              d = decode_table[in[i + 3]];
    if ((a | b | c | d) < 0) {
      out.clear();
      return errc::base64_bad_character;
    }
    const std::uint32_t n = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) |
                            (std::uint32_t(c) << 6) | std::uint32_t(d);
    *o++ = static_cast<unsigned char>(n >> 16);
    *o++ = static_cast<unsigned char>(n >> 8);
    *o++ = static_cast<unsigned char>(n);
  }
  const std::size_t rest = text.size() - i;
  if (rest > 0) {
    std::uint32_t acc = 0;
    for (std::size_t k = 0; k < rest; ++k) {
      const int v = decode_table[in[i + k]];
      if (v < 0) {
        out.clear();
        return errc::base64_bad_character;
      }
      acc = (acc << 6) | std::uint32_t(v);
    }
    const int bits = static_cast<int>(rest) * 6 % 8;
    if ((acc & ((1u << bits) - 1)) != 0) {
      out.clear();
      return errc::base64_non_canonical;
    }
    acc >>= bits;
    if (rest == 3) {
      *o++ = static_cast<unsigned char>(acc >> 8);
    }
    *o++ = static_cast<unsigned char>(acc);
  }
  return {};
}

result<std::string> base64url_decode(std::string_view text) {
  std::string out;
  if (auto ec = base64url_decode_into(text, out)) {
    return ec;
  }
  return out;
}

}  // namespace mcpgate::core
