#include "cel/library.hpp"

#include <vector>

namespace mcpgate::cel {

namespace {

const std::vector<function_entry>& table() {
  static const std::vector<function_entry> entries = [] {
    std::vector<function_entry> out;
    add_operator_functions(out);
    add_standard_functions(out);
    add_conversion_functions(out);
    add_string_functions(out);
    add_time_functions(out);
    add_format_function(out);
    return out;
  }();
  return entries;
}

}  // namespace

function_id find_function(std::string_view name, bool receiver_style) noexcept {
  const auto& t = table();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].name == name && (receiver_style ? t[i].receiver : t[i].global)) {
      return static_cast<function_id>(i);
    }
  }
  return no_function;
}

const function_entry& function_at(function_id id) noexcept {
  return table()[id];
}

value no_overload(std::string_view function) {
  return value::error("no matching overload for '" + std::string{function} + "'");
}

}  // namespace mcpgate::cel
