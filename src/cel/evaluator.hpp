#pragma once

#include "cel/activation.hpp"
#include "cel/ast.hpp"
#include "cel/options.hpp"
#include "cel/value.hpp"

#include <cstdint>

namespace mcpgate::cel {

// Mutable state of one evaluation; lives on the caller's stack.
struct eval_state {
  const activation& vars;
  const options& opts;
  value* locals = nullptr;  // comprehension variables, one per slot
  value* trace = nullptr;   // when explaining: the result of every node, by node id
  std::uint64_t iterations = 0;
  std::size_t depth = 0;
};

// Evaluates a checked AST. Never throws for CEL errors and never recurses deeper than the tree
// (whose height the parser bounded); blown budgets become error values.
value evaluate(const node& n, eval_state& st);

}  // namespace mcpgate::cel
