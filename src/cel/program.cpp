#include "cel/program.hpp"

#include "cel/checker.hpp"
#include "cel/evaluator.hpp"
#include "cel/explain.hpp"
#include "cel/parser.hpp"

#include <array>
#include <vector>

namespace mcpgate::cel {

struct program::compiled {
  std::string source;
  options opts;
  node_ptr root;
  check_info info;
};

result<program, compile_error> program::compile(std::string_view source, const options& opts) {
  auto c = std::make_shared<compiled>();
  c->source = std::string{source};
  c->opts = opts;
  auto root = parse(c->source, c->opts);
  if (!root) {
    return root.error();
  }
  c->root = std::move(*root);
  auto info = check(c->root, c->opts);
  if (!info) {
    return info.error();
  }
  c->info = std::move(*info);
  return program{std::move(c)};
}

namespace {

// Comprehension variables live on the stack for the common small case, so evaluating a rule
// allocates nothing of its own.
constexpr std::size_t inline_locals = 16;

template <class F>
value with_locals(std::size_t count, F&& run) {
  if (count == 0) {
    return run(nullptr);
  }
  if (count <= inline_locals) {
    std::array<value, inline_locals> locals;
    return run(locals.data());
  }
  std::vector<value> locals(count);
  return run(locals.data());
}

}  // namespace

value program::evaluate(const activation& vars) const {
  return with_locals(impl_->info.local_slots, [&](value* locals) {
    eval_state st{vars, impl_->opts, locals};
    return cel::evaluate(*impl_->root, st);
  });
}

bool program::evaluate_bool(const activation& vars) const {
  const value v = evaluate(vars);
  return v.is(kind::bool_type) && v.as_bool();
}

explanation program::explain(const activation& vars) const {
  std::vector<value> trace(impl_->info.node_count);
  value result = with_locals(impl_->info.local_slots, [&](value* locals) {
    eval_state st{vars, impl_->opts, locals, trace.data()};
    return cel::evaluate(*impl_->root, st);
  });
  return explain_trace(*impl_->root, impl_->source, trace, std::move(result));
}

bool program::references(std::string_view path) const {
  // Segment-wise prefix in either direction: reading `mcp.tool` reads `mcp.tool.arguments`, and
  // reading `mcp.tool.arguments.path` needs `mcp.tool.arguments`.
  const auto prefix_of = [](std::string_view a, std::string_view b) {
    return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '.');
  };
  for (const auto& p : impl_->info.paths) {
    if (prefix_of(p, path) || prefix_of(path, p)) {
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& program::unknown_functions() const noexcept {
  return impl_->info.unknown_functions;
}

std::string_view program::source() const noexcept {
  return impl_->source;
}
const node& program::root() const noexcept {
  return *impl_->root;
}
const options& program::opts() const noexcept {
  return impl_->opts;
}

}  // namespace mcpgate::cel
