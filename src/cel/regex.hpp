#pragma once

#include "cel/options.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace mcpgate::cel {

// Compiles a pattern with RE2 (linear time, no backtracking) within the program-size budget.
// On failure returns null and sets `why`.
std::shared_ptr<const re2::RE2> compile_regex(std::string_view pattern, const options& opts,
                                              std::string& why);

}  // namespace mcpgate::cel
