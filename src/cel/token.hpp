#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mcpgate::cel {

enum class tok : std::uint8_t {
  end,
  ident,
  quoted_ident,  // `field-name` (only valid after '.')
  int_lit,
  uint_lit,
  double_lit,
  string_lit,
  bytes_lit,
  kw_true,
  kw_false,
  kw_null,
  kw_in,
  lparen,
  rparen,
  lbracket,
  rbracket,
  lbrace,
  rbrace,
  dot,
  comma,
  colon,
  question,
  bang,
  minus,
  plus,
  star,
  slash,
  percent,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  and_,
  or_,
};

// One token; `text` is the exact source slice (literals are decoded by the parser).
struct token {
  tok kind = tok::end;
  std::string_view text;
  std::size_t offset = 0;
};

}  // namespace mcpgate::cel
