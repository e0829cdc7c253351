#pragma once

#include "cel/ast.hpp"
#include "cel/options.hpp"
#include "cel/value.hpp"

#include <span>
#include <string_view>

namespace mcpgate::cel {

// A builtin function. `args` holds the receiver first for receiver-style calls; none of them is
// an error (the evaluator propagates errors before calling). `call` gives access to what the
// checker prepared (a precompiled regex).
using builtin = value (*)(std::span<const value> args, const node& call, const options& opts);

struct function_entry {
  std::string_view name;
  bool global = false;    // callable as name(args)
  bool receiver = false;  // callable as x.name(args)
  bool foldable = false;  // pure and cheap: the checker may evaluate it on constants
  builtin impl = nullptr;
};

// The function table: the standard library, conversions, the strings extension, matches on RE2,
// agentgateway's contains on lists and maps, timestamps and durations.
function_id find_function(std::string_view name, bool receiver_style) noexcept;
const function_entry& function_at(function_id id) noexcept;

// The error every builtin returns for argument types it does not accept.
value no_overload(std::string_view function);

// Parts of the library split across files; each appends its entries.
void add_operator_functions(std::vector<function_entry>& out);
void add_standard_functions(std::vector<function_entry>& out);
void add_conversion_functions(std::vector<function_entry>& out);
void add_string_functions(std::vector<function_entry>& out);
void add_time_functions(std::vector<function_entry>& out);
void add_format_function(std::vector<function_entry>& out);

}  // namespace mcpgate::cel
