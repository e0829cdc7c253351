#include "gateway/authorizer.hpp"

#include "cel/request_binding.hpp"
#include "config/error.hpp"
#include "json/strict.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

config::mcp_authorization block(config::rule_action action, std::vector<std::string> exprs) {
  config::mcp_authorization b;
  b.action = action;
  int line = 10;
  for (auto& e : exprs) {
    b.expressions.push_back({std::move(e), {"policy.yaml", line++, 15}});
  }
  return b;
}

// The reference policy's five rules (mcp-oauth-demos README, step 6).
std::vector<config::mcp_authorization> reference() {
  return {block(
      config::rule_action::allow,
      {R"(mcp.tool.name == "echo")", R"(mcp.tool.name == "get_user_info")",
       R"(mcp.tool.name == "list_files" && jwt.scope.contains("files:read"))",
       R"(mcp.tool.name == "delete_file" && jwt.scope.contains("files:delete") && jwt["https://mcp-demo/roles"].contains("admin"))",
       R"(mcp.tool.name == "system_status" && jwt["https://mcp-demo/roles"].contains("admin"))"})};
}

struct caller {
  boost::json::object claims;
  bool authenticated = true;
};

decision decide(const authorizer& a, const caller& c, std::string_view tool,
                authorize_mode mode = authorize_mode::call,
                const boost::json::value* args = nullptr) {
  cel::request_fields f;
  f.jwt = c.authenticated ? &c.claims : nullptr;
  f.mcp_method = "tools/call";
  f.tool_name = tool;
  f.tool_arguments = args;
  return a.decide(f, mode);
}

caller make(std::string_view claims_json) {
  return {json::parse(claims_json).value().as_object(), true};
}

TEST(authorizer, reference_policy_per_caller) {
  const auto a = authorizer::compile(reference());
  const auto admin =
      make(R"({"sub":"a","scope":"files:read files:delete","https://mcp-demo/roles":["admin"]})");
  const auto reader = make(R"({"sub":"r","scope":"files:read"})");
  const auto basic = make(R"({"sub":"b"})");
  for (const char* t : {"echo", "get_user_info", "list_files", "delete_file", "system_status"}) {
    EXPECT_TRUE(decide(a, admin, t).allowed) << t;
  }
  EXPECT_TRUE(decide(a, reader, "list_files").allowed);
  EXPECT_FALSE(decide(a, reader, "delete_file").allowed);
  EXPECT_FALSE(decide(a, reader, "system_status").allowed);
  EXPECT_TRUE(decide(a, basic, "echo").allowed);
  EXPECT_TRUE(decide(a, basic, "get_user_info").allowed);
  // A missing claim is an error inside the rule: not satisfied, so denied.
  const auto d = decide(a, basic, "list_files");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.decided_by, nullptr);
  EXPECT_EQ(d.reason, "no allow rule matched");
  EXPECT_FALSE(decide(a, basic, "no_such_tool").allowed);
}

TEST(authorizer, allow_names_the_deciding_rule) {
  const auto a = authorizer::compile(reference());
  const auto d = decide(a, make(R"({"scope":"files:read"})"), "list_files");
  ASSERT_NE(d.decided_by, nullptr);
  EXPECT_EQ(d.decided_by->where, "policy.yaml:12:15");
}

TEST(authorizer, deny_wins_and_errors_deny) {
  auto blocks = reference();
  blocks.push_back(
      block(config::rule_action::deny, {R"(jwt.sub == "mallory")", R"(jwt.suspended)"}));
  const auto a = authorizer::compile(blocks);
  auto d = decide(a, make(R"({"sub":"mallory","suspended":false})"), "echo");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "deny rule matched");
  // jwt.suspended missing: the Deny rule errors, and an erroring Deny rule denies.
  EXPECT_FALSE(decide(a, make(R"({"sub":"bob"})"), "echo").allowed);
  EXPECT_TRUE(decide(a, make(R"({"sub":"bob","suspended":false})"), "echo").allowed);
}

TEST(authorizer, require_must_hold) {
  const auto a =
      authorizer::compile({block(config::rule_action::require, {R"(jwt.email_verified == true)"})});
  EXPECT_TRUE(decide(a, make(R"({"email_verified":true})"), "anything").allowed);
  EXPECT_FALSE(decide(a, make(R"({"email_verified":false})"), "anything").allowed);
  EXPECT_FALSE(decide(a, make(R"({})"), "anything").allowed);
}

TEST(authorizer, unauthenticated_caller_fails_rules_that_read_jwt) {
  const auto a = authorizer::compile(reference());
  caller anon{{}, false};
  EXPECT_TRUE(decide(a, anon, "echo").allowed);
  EXPECT_FALSE(decide(a, anon, "list_files").allowed);
}

TEST(authorizer, no_rules_allow_everything) {
  const authorizer a;
  EXPECT_TRUE(decide(a, make("{}"), "delete_file").allowed);
}

TEST(authorizer, argument_rules_are_undecided_while_listing) {
  const auto a = authorizer::compile({block(
      config::rule_action::allow,
      {R"(mcp.tool.name == "list_files" && mcp.tool.arguments.path.startsWith("public/"))"})});
  const auto c = make("{}");
  EXPECT_TRUE(decide(a, c, "list_files", authorize_mode::list).allowed);
  const auto ok = json::parse(R"({"path":"public/a"})").value();
  const auto bad = json::parse(R"({"path":"secret/a"})").value();
  EXPECT_TRUE(decide(a, c, "list_files", authorize_mode::call, &ok).allowed);
  EXPECT_FALSE(decide(a, c, "list_files", authorize_mode::call, &bad).allowed);
}

TEST(authorizer, argument_rules_for_other_tools_do_not_show_a_tool) {
  // The rule can only allow list_files, whatever the arguments: other tools stay hidden.
  const auto a = authorizer::compile({block(
      config::rule_action::allow,
      {R"(mcp.tool.name == "list_files" && mcp.tool.arguments.path.startsWith("public/"))"})});
  EXPECT_FALSE(decide(a, make("{}"), "delete_file", authorize_mode::list).allowed);
}

// Skipping the rules written for another tool name must decide exactly as evaluating every rule
// does: compared here against a plain evaluation of each rule, with deny, require and allow rules
// whose other operands are true, false or errors.
TEST(authorizer, skipping_other_tools_rules_matches_full_evaluation) {
  const std::vector<std::string> exprs = {
      R"(mcp.tool.name == "echo")",
      R"(mcp.tool.name == "list_files" && jwt.scope.contains("files:read"))",
      R"(jwt.missing && mcp.tool.name == "delete_file")",
      R"(mcp.tool.name == "system_status" && jwt.admin == true)",
      R"("get_user_info" == mcp.tool.name && jwt.no_such_claim)",
      R"(mcp["tool.name"] == "echo")",
      R"(mcp.`tool.name` == "delete_file")",
      R"(jwt.sub == "mallory")",
  };
  const std::vector<std::string> tools = {
      "echo", "list_files", "delete_file", "system_status", "get_user_info", "other", ""};
  const std::vector<caller> callers = {make(R"({"sub":"a","scope":"files:read","admin":true})"),
                                       make(R"({"sub":"mallory","scope":""})"),
                                       make(R"({"sub":"b","missing":false})"), caller{{}, false}};
  const auto reference_decision = [&](config::rule_action action,
                                      const std::vector<std::string>& rules, const caller& c,
                                      std::string_view tool) {
    cel::request_fields f;
    f.jwt = c.authenticated ? &c.claims : nullptr;
    f.mcp_method = "tools/call";
    f.tool_name = tool;
    const cel::request_binding b{f};
    bool any = false;
    for (const auto& r : rules) {
      const auto v = cel::program::compile(r).value().evaluate(b.vars());
      const bool is_true = v.is(cel::kind::bool_type) && v.as_bool();
      const bool is_false = v.is(cel::kind::bool_type) && !v.as_bool();
      if ((action == config::rule_action::deny && !is_false) ||
          (action == config::rule_action::require && !is_true)) {
        return false;
      }
      any = any || is_true;
    }
    return action != config::rule_action::allow || any;
  };
  for (const auto action :
       {config::rule_action::allow, config::rule_action::deny, config::rule_action::require}) {
    // Every pair of rules, so each combination of skipped and evaluated rules occurs.
    for (std::size_t i = 0; i < exprs.size(); ++i) {
      for (std::size_t j = i; j < exprs.size(); ++j) {
        const std::vector<std::string> rules = {exprs[i], exprs[j]};
        const auto a = authorizer::compile({block(action, rules)});
        for (const auto& c : callers) {
          for (const auto& tool : tools) {
            EXPECT_EQ(decide(a, c, tool).allowed, reference_decision(action, rules, c, tool))
                << exprs[i] << " / " << exprs[j] << " for " << tool;
          }
        }
      }
    }
  }
}

TEST(authorizer, bad_expression_names_its_place) {
  try {
    authorizer::compile({block(config::rule_action::allow, {"mcp.tool.name == "})});
    FAIL() << "expected a config_error";
  } catch (const config::config_error& e) {
    EXPECT_NE(std::string{e.what()}.find("policy.yaml:10:15"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mcpgate::gateway
