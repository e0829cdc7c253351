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

namespace {

// Whether `segments` are the dot-separated parts of `path`, one for one.
bool same_segments(const std::vector<std::string>& segments, std::string_view path) {
  for (std::size_t i = 0;; ++i) {
    const std::size_t dot = path.find('.');
    if (i == segments.size() || segments[i] != path.substr(0, dot)) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return i + 1 == segments.size();
    }
    path.remove_prefix(dot + 1);
  }
}

}  // namespace

std::optional<std::string> required_string(const node& root, std::string_view path) {
  if (root.kind != node_kind::call) {
    return std::nullopt;
  }
  if (root.name == "_&&_") {
    for (const auto& operand : root.args) {
      if (auto literal = required_string(*operand, path)) {
        return literal;
      }
    }
    return std::nullopt;
  }
  if (root.name != "_==_" || root.args.size() != 2) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < 2; ++i) {
    // Compared segment by segment: mcp["tool.name"] and mcp.`tool.name` read a different
    // (missing) key although their dotted spelling is the same, so only a plain name counts.
    const node& literal = *root.args[i];
    const node& variable = *root.args[1 - i];
    if (literal.kind == node_kind::constant && literal.val.is(kind::string_type) &&
        variable.kind == node_kind::ident && same_segments(variable.path, path)) {
      return std::string{literal.val.as_string()};
    }
  }
  return std::nullopt;
}

}  // namespace mcpgate::cel
