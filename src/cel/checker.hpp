#pragma once

#include "cel/ast.hpp"
#include "cel/error.hpp"
#include "cel/options.hpp"

#include <string>
#include <vector>

namespace mcpgate::cel {

// What checking learned about an expression.
struct check_info {
  std::uint32_t node_count = 0;   // ids are 0..node_count-1
  std::uint16_t local_slots = 0;  // comprehension variables
  // Variable paths the expression reads, as far as they are static ("mcp.tool.name"); a dynamic
  // index ends the path at its operand.
  std::vector<std::string> paths;
  // Functions called that the library does not have (each call evaluates to an error).
  std::vector<std::string> unknown_functions;
};

// Resolves names (comprehension variables to slots, qualified names to candidate variables and
// the container), binds calls to library functions, compiles literal regexes under the program
// size budget, folds constant sub-expressions whose evaluation is trivially safe, and numbers the
// nodes. Rewrites the tree in place.
result<check_info, compile_error> check(node_ptr& root, const options& opts);

}  // namespace mcpgate::cel
