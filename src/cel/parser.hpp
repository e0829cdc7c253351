#pragma once

#include "cel/ast.hpp"
#include "cel/error.hpp"
#include "cel/options.hpp"

#include <string_view>

namespace mcpgate::cel {

// Parses a CEL expression into an AST with macros expanded. Recursive descent; the nesting depth,
// the number of nodes and the source size are bounded by `opts`, so hostile input gets an error
// instead of exhausting the stack.
result<node_ptr, compile_error> parse(std::string_view source, const options& opts = {});

}  // namespace mcpgate::cel
