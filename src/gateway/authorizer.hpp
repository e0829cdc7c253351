#pragma once

#include "cel/options.hpp"
#include "cel/program.hpp"
#include "cel/request_binding.hpp"
#include "config/policy.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mcpgate::gateway {

// One compiled authorization rule and where it was written.
struct rule {
  config::rule_action action = config::rule_action::allow;
  cel::program program;
  std::string where;  // "policy.yaml:42:15"
  // The rule reads mcp.tool.arguments (or mcp.tool / mcp as a whole): while a list is filtered
  // there are no arguments, so such a rule cannot be decided until the call (DESIGN.md, Policy).
  bool needs_arguments = false;
  // The rule is `mcp.tool.name == "x" && ...`: false for every other tool name, so it is not
  // evaluated for them (a list of 100 tools then costs a few evaluations, not hundreds).
  std::optional<std::string> tool_name;
};

// The outcome of authorizing one request, with the rule that decided it for the decision log.
struct decision {
  bool allowed = true;
  const rule* decided_by = nullptr;  // null when no rule decided (no rules, or no Allow matched)
  std::string_view reason;           // "deny rule matched", "require rule not satisfied", ...
};

// Whether the request is a call (arguments bound) or an entry of a list being filtered.
enum class authorize_mode { call, list };

// The rule semantics of DESIGN.md: any true Deny rule denies; every Require rule must be true; if
// any Allow rule exists, at least one must be true; no rules allow everything. A rule whose
// evaluation errors counts as not satisfied for Allow/Require and as a match for Deny: the
// gateway fails closed. In list mode, rules that need arguments are undecided and do not hide
// the entry (the call is checked when it is made).
class authorizer {
 public:
  authorizer() = default;

  // Compiles every expression; throws config::config_error naming the file and line of an
  // expression that does not compile.
  static authorizer compile(const std::vector<config::mcp_authorization>& blocks,
                            const cel::options& opts = {});

  // Binds `request` (cel::request_binding) only when some rule has to be evaluated.
  decision decide(const cel::request_fields& request, authorize_mode mode) const;

  bool empty() const noexcept { return rules_.empty(); }
  const std::vector<rule>& rules() const noexcept { return rules_; }

 private:
  std::vector<rule> rules_;  // deny rules first, then require, then allow
  bool has_allow_ = false;
};

}  // namespace mcpgate::gateway
