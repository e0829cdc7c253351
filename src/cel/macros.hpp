#pragma once

#include "cel/ast.hpp"
#include "cel/error.hpp"

#include <optional>

namespace mcpgate::cel {

// Expands a call node that names a macro (has, all, exists, exists_one/existsOne, map, filter,
// transformList, transformMap) in place. Returns true when it was a macro; a macro called with
// the wrong shape is an error. Other calls are left alone and return false.
result<bool, compile_error> expand_macro(node& call);

}  // namespace mcpgate::cel
