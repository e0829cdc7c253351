#pragma once

#include "cel/ast.hpp"
#include "cel/program.hpp"

#include <string_view>
#include <vector>

namespace mcpgate::cel {

// Finds the smallest sub-expression that decided `result`, given every node's value from a traced
// evaluation: through `&&` to the operand that was false (or failed), through `||` to the one
// that failed, through a conditional to the branch taken, and through strict calls to the
// argument an error came from.
explanation explain_trace(const node& root, std::string_view source,
                          const std::vector<value>& trace, value result);

}  // namespace mcpgate::cel
