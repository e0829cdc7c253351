#include "gateway/authorizer.hpp"

#include "cel/walk.hpp"
#include "config/error.hpp"

#include <algorithm>

namespace mcpgate::gateway {

namespace {

int order(config::rule_action a) noexcept {
  switch (a) {
    case config::rule_action::deny:
      return 0;
    case config::rule_action::require:
      return 1;
    case config::rule_action::allow:
      return 2;
  }
  return 2;
}

}  // namespace

authorizer authorizer::compile(const std::vector<config::mcp_authorization>& blocks,
                               const cel::options& opts) {
  authorizer out;
  for (const auto& block : blocks) {
    for (const auto& expr : block.expressions) {
      auto compiled = cel::program::compile(expr.expression, opts);
      if (!compiled) {
        throw config::config_error(expr.where, "matchExpressions",
                                   "invalid CEL: " + compiled.error().describe(expr.expression));
      }
      rule r{block.action, std::move(*compiled), expr.where.to_string(), false, std::nullopt};
      r.needs_arguments = r.program.references("mcp.tool.arguments");
      r.tool_name = cel::required_string(r.program.root(), "mcp.tool.name");
      out.has_allow_ = out.has_allow_ || block.action == config::rule_action::allow;
      out.rules_.push_back(std::move(r));
    }
  }
  std::stable_sort(out.rules_.begin(), out.rules_.end(),
                   [](const rule& a, const rule& b) { return order(a.action) < order(b.action); });
  return out;
}

decision authorizer::decide(const cel::request_fields& request, authorize_mode mode) const {
  std::optional<cel::request_binding> binding;
  const auto vars = [&]() -> const cel::activation& {
    if (!binding) {
      binding.emplace(request);
    }
    return binding->vars();
  };
  const rule* first_allow_undecided = nullptr;
  for (const auto& r : rules_) {
    // `mcp.tool.name` is always bound (empty outside tools/call), so a rule for another tool is
    // exactly false: a Deny does not match, a Require is not satisfied, an Allow does not allow.
    if (r.tool_name && *r.tool_name != request.tool_name) {
      if (r.action == config::rule_action::require) {
        return {false, &r, "require rule not satisfied"};
      }
      continue;
    }
    if (mode == authorize_mode::list && r.needs_arguments) {
      if (r.action == config::rule_action::allow && !first_allow_undecided) {
        first_allow_undecided = &r;
      }
      continue;
    }
    // evaluate_bool: only boolean true is true; errors and non-booleans are not.
    switch (r.action) {
      case config::rule_action::deny: {
        const auto v = r.program.evaluate(vars());
        const bool matched =
            !(v.is(cel::kind::bool_type) && !v.as_bool());  // true, error, non-bool
        if (matched) {
          return {false, &r, "deny rule matched"};
        }
        break;
      }
      case config::rule_action::require:
        if (!r.program.evaluate_bool(vars())) {
          return {false, &r, "require rule not satisfied"};
        }
        break;
      case config::rule_action::allow:
        if (r.program.evaluate_bool(vars())) {
          return {true, &r, "allow rule matched"};
        }
        break;
    }
  }
  if (first_allow_undecided) {
    return {true, first_allow_undecided, "allow rule needs the call's arguments"};
  }
  if (has_allow_) {
    return {false, nullptr, "no allow rule matched"};
  }
  return {true, nullptr, rules_.empty() ? "no rules" : "no rule denied"};
}

}  // namespace mcpgate::gateway
