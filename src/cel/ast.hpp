#pragma once

#include "cel/value.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace mcpgate::cel {

enum class node_kind : std::uint8_t {
  constant,       // a literal or a folded constant: `val`
  ident,          // a name, possibly qualified (`a.b.c` before resolution): `name`
  select,         // args[0].name; `test_only` for has()
  call,           // name(args...) or args[0].name(args[1...]) when `receiver`
  list,           // [args...]
  map,            // {args[0]: args[1], args[2]: args[3], ...}
  comprehension,  // a macro over args[0]: see comprehension_kind
  local,          // a comprehension variable (after checking): slot `slot`
};

// Macros keep their own node kind instead of the generic CEL comprehension so the evaluator can
// accumulate in place and short-circuit with CEL's error rules.
enum class comprehension_kind : std::uint8_t {
  all,                   // args: range, predicate
  exists,                // args: range, predicate
  exists_one,            // args: range, predicate
  map,                   // args: range, transform
  map_filter,            // args: range, predicate, transform
  filter,                // args: range, predicate
  transform_map,         // args: range, transform (map result, 2 variables)
  transform_map_filter,  // args: range, predicate, transform
};

// Byte range of a node in the source, for error messages and explanations.
struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Function identifiers resolved by the checker (see library.hpp).
using function_id = std::uint16_t;
inline constexpr function_id no_function = 0xFFFF;
// Operators with their own evaluation rules (not strict in their arguments).
inline constexpr function_id fn_and = 0xFFFE;
inline constexpr function_id fn_or = 0xFFFD;
inline constexpr function_id fn_conditional = 0xFFFC;

// A candidate reading of a qualified name, tried in order at run time: the variable `variable`
// followed by field selections of the trailing `fields_from..` path segments.
struct name_candidate {
  std::string variable;
  std::uint32_t fields_from = 0;
  bool qualified = false;  // `variable` contains a '.': only tried when such names are bound
};

struct node {
  node_kind kind = node_kind::constant;
  bool test_only = false;  // select: has(x.f)
  bool receiver = false;   // call: args[0] is the receiver
  comprehension_kind macro = comprehension_kind::all;
  std::uint32_t id = 0;      // pre-order index, assigned by the checker (explain traces)
  std::uint32_t height = 1;  // 1 + the tallest child: bounds every recursive walk
  span loc;
  value val;         // constant
  std::string name;  // ident, select field, call function
  std::vector<std::unique_ptr<node>> args;

  // Comprehensions: variable names (var2 empty for one-variable macros) and their slots.
  std::string var1;
  std::string var2;
  std::uint16_t slot1 = 0;
  std::uint16_t slot2 = 0;

  // Filled in by the checker.
  function_id fn = no_function;
  std::uint16_t slot = 0;                  // local
  std::vector<std::string> path;           // ident: name segments (a, b, c)
  std::vector<name_candidate> candidates;  // ident: resolution order
  std::shared_ptr<const re2::RE2> regex;   // matches() with a literal pattern
  value owner;  // keeps a constant's data alive while `val` borrows it (copies stay cheap)
};

using node_ptr = std::unique_ptr<node>;

}  // namespace mcpgate::cel
