#pragma once

#include "cel/error.hpp"
#include "cel/token.hpp"

#include <string_view>
#include <vector>

namespace mcpgate::cel {

// Splits an expression into tokens. Literal bodies are delimited here and decoded by the parser
// (see literal.hpp), so the lexer only needs to know where a string ends.
result<std::vector<token>, compile_error> lex(std::string_view source);

}  // namespace mcpgate::cel
