// The reference policy's rules, agentgateway's contains, explanations, variable references and
// the request binding the gateway uses.
#include "cel/program.hpp"
#include "cel/request_binding.hpp"
#include "cel/walk.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

#include <boost/json/value.hpp>

#include <array>
#include <string>

namespace mcpgate::cel {
namespace {

// The five matchExpressions of the reference AgentgatewayPolicy.
constexpr std::array<const char*, 5> reference_rules = {
    R"(mcp.tool.name == "echo")",
    R"(mcp.tool.name == "get_user_info")",
    R"(mcp.tool.name == "list_files" && jwt.scope.contains("files:read"))",
    R"(mcp.tool.name == "delete_file" && jwt.scope.contains("files:delete") && jwt["https://mcp-demo/roles"].contains("admin"))",
    R"(mcp.tool.name == "system_status" && jwt["https://mcp-demo/roles"].contains("admin"))",
};

boost::json::value claims(std::string_view text) {
  return json::parse(text).value();
}

program compile(std::string_view expr) {
  auto p = program::compile(expr);
  EXPECT_TRUE(p) << (p ? "" : p.error().describe(expr));
  return std::move(p).value();
}

// Which reference rules allow `tool` for the caller with `claims_json` (null: unauthenticated).
std::array<bool, 5> decide(std::string_view tool, const boost::json::value* jwt) {
  request_fields f;
  f.jwt = jwt != nullptr ? &jwt->as_object() : nullptr;
  f.mcp_method = "tools/call";
  f.tool_name = tool;
  const request_binding b{f};
  std::array<bool, 5> out{};
  for (std::size_t i = 0; i < reference_rules.size(); ++i) {
    out[i] = compile(reference_rules[i]).evaluate_bool(b.vars());
  }
  return out;
}

bool allowed(std::string_view tool, const boost::json::value* jwt) {
  for (bool b : decide(tool, jwt)) {
    if (b) {
      return true;
    }
  }
  return false;
}

TEST(cel_reference_policy, admin_with_all_scopes_may_use_every_tool) {
  const auto admin = claims(R"({"sub":"auth0|1","scope":"openid files:read files:delete",
                                "https://mcp-demo/roles":["admin","user"],"exp":1700000000})");
  for (const char* tool : {"echo", "get_user_info", "list_files", "delete_file", "system_status"}) {
    EXPECT_TRUE(allowed(tool, &admin)) << tool;
  }
  EXPECT_FALSE(allowed("unknown_tool", &admin));
}

TEST(cel_reference_policy, reader_without_admin_role) {
  const auto reader = claims(R"({"scope":"openid files:read","https://mcp-demo/roles":["user"]})");
  EXPECT_TRUE(allowed("echo", &reader));
  EXPECT_TRUE(allowed("list_files", &reader));
  EXPECT_FALSE(allowed("delete_file", &reader));
  EXPECT_FALSE(allowed("system_status", &reader));
}

TEST(cel_reference_policy, missing_roles_claim_is_not_satisfied) {
  const auto no_roles = claims(R"({"scope":"files:read files:delete"})");
  EXPECT_TRUE(allowed("list_files", &no_roles));
  EXPECT_FALSE(allowed("delete_file", &no_roles));
  EXPECT_FALSE(allowed("system_status", &no_roles));
}

TEST(cel_reference_policy, unauthenticated_caller_only_reaches_rules_without_jwt) {
  EXPECT_TRUE(allowed("echo", nullptr));
  EXPECT_FALSE(allowed("list_files", nullptr));
  request_fields f;
  f.tool_name = "list_files";
  const request_binding b{f};
  const value v = compile(reference_rules[2]).evaluate(b.vars());
  ASSERT_TRUE(v.is_error());
  EXPECT_NE(v.as_string().find("jwt"), std::string_view::npos);
}

// agentgateway: contains on a list is membership, on a map a key test, on a string a substring.
TEST(cel_agentgateway_contains, list_map_and_string_forms) {
  const auto doc =
      claims(R"({"roles":["admin","user"],"perms":{"read":true},"scope":"files:readwrite"})");
  activation vars;
  vars.bind("jwt", value::from_json(doc));
  const auto eval = [&](std::string_view e) { return compile(e).evaluate(vars); };
  EXPECT_TRUE(eval(R"(jwt.roles.contains("admin"))").as_bool());
  EXPECT_FALSE(eval(R"(jwt.roles.contains("adm"))").as_bool());  // membership, not substring
  EXPECT_TRUE(eval(R"(jwt.perms.contains("read"))").as_bool());
  EXPECT_FALSE(eval(R"(jwt.perms.contains("write"))").as_bool());
  // The substring pitfall the linter warns about: readwrite contains read.
  EXPECT_TRUE(eval(R"(jwt.scope.contains("files:read"))").as_bool());
  EXPECT_FALSE(eval(R"("files:read" in jwt.scope.split(" "))").as_bool());
  EXPECT_TRUE(eval(R"([1, 2].contains(2.0))").as_bool());
  EXPECT_TRUE(eval(R"(jwt.scope.contains(1))").is_error());
}

TEST(cel_json_binding, integral_numbers_are_int_and_others_double) {
  const auto doc = claims(R"({"exp":1700000000,"ratio":0.5,"big":18446744073709551615})");
  activation vars;
  vars.bind("jwt", value::from_json(doc));
  EXPECT_TRUE(compile("type(jwt.exp) == int").evaluate_bool(vars));
  EXPECT_TRUE(compile("type(jwt.ratio) == double").evaluate_bool(vars));
  EXPECT_TRUE(compile("jwt.big == 18446744073709551615u").evaluate_bool(vars));
  EXPECT_TRUE(compile("jwt.exp > 1600000000 && jwt.exp == 1700000000.0").evaluate_bool(vars));
}

TEST(cel_explain, names_the_false_operand_of_a_conjunction) {
  const auto reader = claims(R"({"scope":"files:read","https://mcp-demo/roles":["admin"]})");
  request_fields f;
  f.jwt = &reader.as_object();
  f.tool_name = "delete_file";
  const request_binding b{f};
  const auto e = compile(reference_rules[3]).explain(b.vars());
  EXPECT_EQ(e.text, R"(jwt.scope.contains("files:delete"))");
  ASSERT_TRUE(e.decided.is(kind::bool_type));
  EXPECT_FALSE(e.decided.as_bool());
  EXPECT_EQ(e.summary(), R"(`jwt.scope.contains("files:delete")` was false)");
}

TEST(cel_explain, names_the_missing_key) {
  const auto no_roles = claims(R"({"scope":"files:delete"})");
  request_fields f;
  f.jwt = &no_roles.as_object();
  f.tool_name = "delete_file";
  const request_binding b{f};
  const auto e = compile(reference_rules[3]).explain(b.vars());
  EXPECT_EQ(e.text, R"(jwt["https://mcp-demo/roles"])");
  ASSERT_TRUE(e.decided.is_error());
  EXPECT_EQ(e.decided.as_string(), "no such key: https://mcp-demo/roles");
}

TEST(cel_explain, error_absorbed_by_false_operand_points_at_the_false_one) {
  activation vars;
  const auto e = compile("missing.field == 1 && 1 > 2").explain(vars);
  EXPECT_FALSE(e.result.is_error());
  EXPECT_EQ(e.text, "1 > 2");
}

TEST(cel_references, distinguishes_tool_arguments_from_tool_name) {
  EXPECT_FALSE(compile(reference_rules[3]).references("mcp.tool.arguments"));
  EXPECT_TRUE(
      compile(R"(mcp.tool.arguments.path.startsWith("/tmp"))").references("mcp.tool.arguments"));
  EXPECT_TRUE(compile("has(mcp.tool.arguments)").references("mcp.tool.arguments"));
  EXPECT_TRUE(compile(R"(mcp.tool["arguments"].size() > 0)").references("mcp.tool.arguments"));
  EXPECT_TRUE(compile("mcp.tool.arguments.all(k, k != 'x')").references("mcp.tool.arguments"));
  EXPECT_FALSE(compile("mcp.tools.arguments == 1").references("mcp.tool.arguments"));
  // A comprehension variable shadows a global of the same name.
  EXPECT_FALSE(compile("[1].all(mcp, mcp > 0)").references("mcp.tool.arguments"));
}

TEST(cel_request_binding, absent_arguments_are_absent_not_null) {
  request_fields f;
  f.tool_name = "echo";
  const request_binding without{f};
  EXPECT_FALSE(compile("has(mcp.tool.arguments)").evaluate(without.vars()).as_bool());
  const auto args = claims(R"({"path":"/tmp/x"})");
  f.tool_arguments = &args;
  std::array<borrowed_entry, 1> headers{{{"x-team", value::borrowed_string("blue")}}};
  f.headers = headers;
  f.http_method = "POST";
  const request_binding with{f};
  EXPECT_TRUE(
      compile(
          R"(mcp.tool.arguments.path.startsWith("/tmp/") && request.headers["x-team"] == "blue" && request.method == "POST")")
          .evaluate_bool(with.vars()));
}

TEST(cel_walk, finds_string_contains_on_a_claim) {
  const auto p = compile(reference_rules[3]);
  std::vector<std::string> receivers;
  walk(p.root(), [&](const node& n) {
    if (is_call_on_variable(n, "contains", "jwt")) {
      receivers.push_back(*variable_path(*n.args[0]));
    }
    return true;
  });
  EXPECT_EQ(receivers, (std::vector<std::string>{"jwt.scope", "jwt.https://mcp-demo/roles"}));
}

TEST(cel_walk, required_string_of_a_tool_name_rule) {
  const auto literal = [](std::string_view source) {
    return required_string(compile(source).root(), "mcp.tool.name");
  };
  EXPECT_EQ(literal(reference_rules[0]), "echo");
  EXPECT_EQ(literal(reference_rules[3]), "delete_file");
  EXPECT_EQ(literal(R"("echo" == mcp.tool.name)"), "echo");
  EXPECT_EQ(literal(R"(jwt.a && (jwt.b && mcp.tool.name == "x"))"), "x");
  EXPECT_EQ(literal(R"(mcp.tool.name == "ec" + "ho")"), "echo");  // folded constant
  // Not a requirement: another operator, an alternative, a negation, an index that only looks
  // like the path, or another variable.
  EXPECT_EQ(literal(R"(mcp.tool.name != "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp.tool.name == "echo" || jwt.admin)"), std::nullopt);
  EXPECT_EQ(literal(R"(!(mcp.tool.name == "echo"))"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp["tool.name"] == "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp.`tool.name` == "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp.tool.name.x == "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp.tool == "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(.mcp.tool.name == "echo")"), "echo");
  EXPECT_EQ(literal(R"(mcp.prompt.name == "echo")"), std::nullopt);
  EXPECT_EQ(literal(R"(mcp.tool.name == 1)"), std::nullopt);
  EXPECT_EQ(literal(R"([1].all(mcp, mcp.tool.name == "echo"))"), std::nullopt);
}

TEST(cel_compile_errors, carry_line_column_and_caret) {
  const auto r = program::compile("mcp.tool.name ==\n  = 'x'");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::syntax));
  EXPECT_EQ(r.error().describe("mcp.tool.name ==\n  = 'x'"),
            "2:3: syntax error: unexpected character\n |   = 'x'\n | ..^");
  EXPECT_FALSE(program::compile("if == 1"));
  EXPECT_FALSE(program::compile("'unterminated"));
  EXPECT_FALSE(program::compile("'\\q'"));
  EXPECT_FALSE(program::compile("x.matches('(')"));
}

TEST(cel_compile, unknown_function_is_a_runtime_error_and_is_reported) {
  const auto p = compile("nope(1) || true");
  EXPECT_EQ(p.unknown_functions(), std::vector<std::string>{"nope"});
  activation vars;
  EXPECT_TRUE(p.evaluate_bool(vars));
}

}  // namespace
}  // namespace mcpgate::cel
