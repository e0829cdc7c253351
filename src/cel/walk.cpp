#include "cel/walk.hpp"

namespace mcpgate::cel {

std::optional<std::string> variable_path(const node& n) {
  if (n.kind == node_kind::ident) {
    return n.name;
  }
  if (n.kind == node_kind::call && n.name == "_[_]" && n.args.size() == 2 &&
      n.args[1]->kind == node_kind::constant && n.args[1]->val.is(kind::string_type)) {
    auto base = variable_path(*n.args[0]);
    if (base) {
      *base += '.';
      *base += n.args[1]->val.as_string();
    }
    return base;
  }
  return std::nullopt;
}

bool is_call_on_variable(const node& n, std::string_view function, std::string_view variable) {
  if (n.kind != node_kind::call || !n.receiver || n.name != function || n.args.empty()) {
    return false;
  }
  const auto path = variable_path(*n.args[0]);
  return path && path->size() > variable.size() && path->starts_with(variable) &&
         (*path)[variable.size()] == '.';
}

}  // namespace mcpgate::cel
