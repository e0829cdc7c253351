#pragma once

#include "cel/error.hpp"
#include "cel/token.hpp"

#include <cstdint>
#include <string>

namespace mcpgate::cel {

// Decodes a string or bytes literal token (prefixes, quotes, escapes) into its value: UTF-8 text
// for strings, raw octets for bytes (where \x and octal escapes are single bytes).
result<std::string, compile_error> decode_quoted(const token& t);

// Number literal tokens. `negative` folds a leading unary minus into the literal so that
// -9223372036854775808 is representable.
result<std::int64_t, compile_error> decode_int(const token& t, bool negative);
result<std::uint64_t, compile_error> decode_uint(const token& t);
result<double, compile_error> decode_double(const token& t);

// Appends the UTF-8 encoding of a code point (the caller has checked it is a scalar value).
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace mcpgate::cel
