#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mcpgate::cel {

// Budgets that keep hostile or careless expressions from exhausting the gateway. Each exceeded
// budget is an error (a compile error or an error value), never a crash.
struct options {
  // Bytes of expression source accepted by the parser.
  std::size_t max_expression_bytes = 64 * 1024;
  // Nesting depth of the recursive-descent parser (parentheses, calls, literals, operators);
  // bounds the stack the parser, checker and evaluator use for one expression.
  std::size_t max_parse_depth = 250;
  // Number of AST nodes one expression may produce (repeated operators do not nest).
  std::size_t max_nodes = 100'000;
  // Recursion depth of the evaluator (nested comprehensions re-enter it for each element).
  std::size_t max_eval_depth = 500;
  // Total comprehension iterations in one evaluation, over all macros.
  std::uint64_t max_iterations = 100'000;
  // RE2 program size (a measure of the compiled automaton) accepted for one pattern.
  int max_regex_program_size = 10000;
  // Bytes any string, bytes or list value built during one evaluation may reach; stops
  // exponential growth through repeated concatenation.
  std::size_t max_value_bytes = 16 << 20;
  // Namespace used to resolve unqualified identifiers (CEL "container"); empty = root.
  std::string container;
};

}  // namespace mcpgate::cel
