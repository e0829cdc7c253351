#pragma once

#include "cel/ast.hpp"

#include <optional>
#include <string>

namespace mcpgate::cel {

// Visits `n` and every node below it, parents first. The visitor returns false to skip a node's
// children. Linters use this on program::root(), e.g. to find string contains() on a claim.
template <class Visitor>
void walk(const node& n, Visitor&& visit) {
  if (!visit(n)) {
    return;
  }
  for (const auto& a : n.args) {
    walk(*a, visit);
  }
}

// The dotted variable path a node reads when it is a resolved name (`jwt.scope`), or a constant
// string index on one (`jwt["https://mcp-demo/roles"]` gives "jwt.https://mcp-demo/roles"
// with the key as the last segment); nullopt otherwise.
std::optional<std::string> variable_path(const node& n);

// True for a receiver-style call of `function` (e.g. "contains") whose receiver reads a field of
// the variable `variable` (e.g. "jwt"): jwt.scope.contains("x") or jwt["scp"].contains("x").
bool is_call_on_variable(const node& n, std::string_view function, std::string_view variable);

// The string literal that the variable `path` (e.g. "mcp.tool.name": each dot separates a field,
// and the expression must name it that way, not with indexes or quoted fields) must equal for
// `root` to be true: `root` is `path == "lit"` (either way round) or an `&&` with such an operand.
// As CEL's `false && x` is false even when x is an error, the expression is exactly false whenever
// `path` holds another string, so a caller that knows the value can skip evaluating it. nullopt
// when the expression has no such operand.
std::optional<std::string> required_string(const node& root, std::string_view path);

}  // namespace mcpgate::cel
