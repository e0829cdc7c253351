// An AgentgatewayPolicy document from the fuzzer, taken as the gateway takes a policy file: the
// loader (YAML, env expansion, validation, merge), then the authorizer compiles its rules (CEL)
// and decides a call and a list entry for a token, as a request would. Loading may throw
// config_error (a bad document or a rule that does not compile); nothing may crash, hang or
// recurse without bound. A call's decision must equal the one of evaluating every rule (the
// authorizer skips rules written for another tool name; that must never change an answer).
#include "cel/request_binding.hpp"
#include "config/error.hpp"
#include "config/load.hpp"
#include "gateway/authorizer.hpp"
#include "json/strict.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// DESIGN.md's rule semantics with every rule evaluated: any Deny that is not false denies, every
// Require must be true, and with Allow rules one must be true.
bool allowed_by_every_rule(const mcpgate::gateway::authorizer& rules,
                           const mcpgate::cel::request_fields& f) {
  using mcpgate::config::rule_action;
  const mcpgate::cel::request_binding binding{f};
  bool has_allow = false;
  bool any_allow = false;
  for (const auto& r : rules.rules()) {
    const auto v = r.program.evaluate(binding.vars());
    const bool is_true = v.is(mcpgate::cel::kind::bool_type) && v.as_bool();
    const bool is_false = v.is(mcpgate::cel::kind::bool_type) && !v.as_bool();
    if ((r.action == rule_action::deny && !is_false) ||
        (r.action == rule_action::require && !is_true)) {
      return false;
    }
    has_allow = has_allow || r.action == rule_action::allow;
    any_allow = any_allow || (r.action == rule_action::allow && is_true);
  }
  return !has_allow || any_allow;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mcpgate;
  static const auto env =
      config::map_environment({{"AUTH0_DOMAIN", "t.auth0.com"}, {"API_IDENTIFIER", "a"}});
  static const auto claims =
      json::parse(R"({"sub":"u","scope":"openid files:read","https://mcp-demo/roles":["admin"]})")
          .value();
  static const auto arguments = json::parse(R"({"path":"/tmp/x","n":1})").value();
  config::load_limits limits;
  limits.max_file_bytes = 64 * 1024;
  // A native document with one backend, then the policy document(s) as a file would hold them.
  std::string text =
      "backends: [{name: demo, url: \"http://127.0.0.1:8000\"}]\n"
      "backendHosts: {auth0-jwks: \"https://t.auth0.com\"}\n---\n";
  text.append(reinterpret_cast<const char*>(data), size);
  try {
    const auto cfg = config::load_config_text(text, "policy.yaml", env, limits, "/nonexistent");
    cel::options opts;
    opts.max_iterations = 10000;
    opts.max_value_bytes = 1 << 16;
    const auto rules = gateway::authorizer::compile(cfg.policy.authorizations, opts);
    cel::request_fields f;
    f.jwt = &claims.get_object();
    f.mcp_method = "tools/call";
    f.tool_name = "delete_file";
    f.tool_arguments = &arguments;
    f.http_method = "POST";
    f.http_path = "/mcp";
    f.source_address = "127.0.0.1";
    for (const std::string_view tool : {"delete_file", "echo", "list_files", ""}) {
      f.tool_name = tool;
      if (rules.decide(f, gateway::authorize_mode::call).allowed !=
          allowed_by_every_rule(rules, f)) {
        __builtin_trap();
      }
    }
    f.tool_name = "delete_file";
    f.tool_arguments = nullptr;
    f.jwt = nullptr;
    (void)rules.decide(f, gateway::authorize_mode::list);
  } catch (const config::config_error& e) {
    (void)e.what();
  }
  return 0;
}
