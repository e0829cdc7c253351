// `mcpgate policy check`: which tools a caller may use under a configuration, which rule decided,
// and lint warnings about rules that do not mean what they seem to.

#include "cel/request_binding.hpp"
#include "cel/walk.hpp"
#include "cli/commands.hpp"
#include "cli/mcp_probe.hpp"
#include "config/env.hpp"
#include "config/error.hpp"
#include "config/load.hpp"
#include "config/policy_merge.hpp"
#include "gateway/authorizer.hpp"
#include "http/client.hpp"
#include "jose/error.hpp"
#include "jose/verifier.hpp"
#include "json/strict.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>
#include <memory>
#include <sstream>

namespace mcpgate::cli {

namespace bj = boost::json;

namespace {

struct check_args {
  std::string config_file;
  std::vector<std::string> policies;
  std::string backend;
  std::vector<std::string> tools;
  std::string token;
  std::string claims;
};

// The key set of a provider, for verifying --token: inline, or fetched once.
result<jose::key_set> provider_keys(const config::jwt_provider& p) {
  if (const auto* inl = std::get_if<config::inline_jwks>(&p.jwks)) {
    return jose::key_set::parse(inl->json);
  }
  const auto& remote = std::get<config::remote_jwks>(p.jwks);
  auto res = http::fetch(remote.resolved_url.empty() ? remote.url : remote.resolved_url);
  if (!res) {
    return res.error();
  }
  return jose::key_set::parse(res->body());
}

// Why a provider's keys cannot be had here: its JWKS is a backendRef, which names a Kubernetes
// Service; outside a cluster only a native config's backendHosts says where that is. Empty when
// the keys can be fetched or are inline.
std::string unresolved_backend(const config::jwt_provider& p) {
  const auto* remote = std::get_if<config::remote_jwks>(&p.jwks);
  if (!remote || !remote->resolved_url.empty() || !remote->url.empty()) {
    return {};
  }
  return "the JWKS of " + p.issuer + " is a backendRef (" +
         (remote->backend ? remote->backend->name : std::string{"?"}) +
         "), which only a native config's backendHosts resolves: give --config instead of "
         "--policy, or check with --claims";
}

// The claims to check with: --claims as given, or --token verified with the providers.
std::optional<bj::object> caller_claims(const check_args& a, const config::policy_set& policy,
                                        std::string& who) {
  if (!a.claims.empty()) {
    auto v = json::parse(a.claims);
    if (!v || !v->is_object()) {
      throw std::runtime_error("--claims: expected a JSON object");
    }
    who = "claims from --claims";
    return v->get_object();
  }
  if (a.token.empty()) {
    who = "unauthenticated caller (no --token or --claims)";
    return std::nullopt;
  }
  if (!policy.jwt) {
    throw std::runtime_error("--token given, but the policy has no jwtAuthentication providers");
  }
  error_code last;
  std::string unresolved;
  for (const auto& p : policy.jwt->providers) {
    if (auto why = unresolved_backend(p); !why.empty()) {
      unresolved = std::move(why);
      continue;
    }
    auto keys = provider_keys(p);
    if (!keys) {
      last = keys.error();
      continue;
    }
    jose::verify_options vo;
    vo.claims.issuer = p.issuer;
    vo.claims.audiences = p.audiences;
    auto verified = jose::verify_jwt(a.token, *keys, vo, core::real_clock());
    if (verified) {
      who = "verified token of " + p.issuer;
      return std::move(verified->claims);
    }
    last = verified.error();
  }
  if (!last && !unresolved.empty()) {
    throw std::runtime_error("--token: " + unresolved);
  }
  throw std::runtime_error("--token does not verify: " + jose::describe(last) +
                           (unresolved.empty() ? "" : "; and " + unresolved));
}

// Warnings about rules that read well but mean something else.
std::vector<std::string> lint(const gateway::authorizer& rules,
                              const std::optional<bj::object>& claims) {
  std::vector<std::string> out;
  for (const auto& r : rules.rules()) {
    for (const auto& fn : r.program.unknown_functions()) {
      out.push_back(r.where + ": calls " + fn +
                    "(), which the CEL library does not have: the rule is never true");
    }
    cel::walk(r.program.root(), [&](const cel::node& n) {
      if (!cel::is_call_on_variable(n, "contains", "jwt") || n.args.empty()) {
        return true;
      }
      const auto path = cel::variable_path(*n.args[0]);
      if (!path) {
        return true;
      }
      const std::string claim = path->substr(4);  // after "jwt."
      bool is_string = claim == "scope" || claim == "scp";
      if (claims) {
        if (const auto* v = claims->if_contains(claim)) {
          is_string = v->is_string();
        }
      }
      if (is_string) {
        std::string arg = n.args.size() > 1 && n.args[1]->val.is(cel::kind::string_type)
                              ? std::string{n.args[1]->val.as_string()}
                              : "x";
        out.push_back(r.where + ": jwt." + claim + ".contains(\"" + arg +
                      "\") is a substring test on a space-separated string (\"" + arg +
                      "write\" contains \"" + arg + "\"); write \"" + arg + "\" in jwt." + claim +
                      ".split(\" \")");
      }
      return true;
    });
  }
  return out;
}

int run_check(const check_args& a) {
  const auto env = config::process_environment();
  config::policy_set policy;
  std::string backend = a.backend;
  if (!a.config_file.empty()) {
    auto cfg = config::load_config(a.config_file, env);
    policy = cfg.policy;
    if (backend.empty() && !cfg.backends.empty()) {
      backend = cfg.backends.front().url;
      if (!cfg.backends.front().routes.empty() && cfg.backends.front().routes.front() != "/") {
        backend += cfg.backends.front().routes.front();
      }
    }
  } else {
    std::vector<config::policy_document> docs;
    for (const auto& p : a.policies) {
      auto loaded = config::load_policy_file(p, env);
      docs.insert(docs.end(), loaded.begin(), loaded.end());
    }
    policy = config::merge_policies(docs);
  }
  const auto rules = gateway::authorizer::compile(policy.authorizations);
  std::string who;
  const auto claims = caller_claims(a, policy, who);

  std::vector<std::string> tools = a.tools;
  if (tools.empty()) {
    if (backend.empty()) {
      throw std::runtime_error(
          "no tools to check: give --tools, --backend, or a config with a backend");
    }
    tools = list_backend_tools(backend);
  }
  std::cout << "policy check: " << rules.rules().size() << " rule(s); " << who << "\n";
  for (const auto& tool : tools) {
    cel::request_fields f;
    f.jwt = claims ? &*claims : nullptr;
    f.mcp_method = "tools/call";
    f.tool_name = tool;
    f.http_method = "POST";
    const auto d = rules.decide(f, gateway::authorize_mode::list);
    std::cout << "  " << (d.allowed ? "allow " : "deny  ") << tool;
    std::cout << std::string(tool.size() < 16 ? 16 - tool.size() : 1, ' ') << d.reason;
    if (d.decided_by) {
      std::cout << " (" << d.decided_by->where << ": " << d.decided_by->program.source() << ")";
    }
    std::cout << "\n";
  }
  const auto warnings = lint(rules, claims);
  for (const auto& w : warnings) {
    std::cout << "warning: " << w << "\n";
  }
  return 0;
}

}  // namespace

void register_policy_check(CLI::App& app, action& chosen) {
  auto a = std::make_shared<check_args>();
  CLI::App* check =
      policy_group(app).add_subcommand("check",
                                       "Show which tools a caller may use under a configuration, "
                                       "the deciding rule, and lint warnings");
  auto* cfg = check->add_option("--config", a->config_file, "Native mcpgate config file")
                  ->check(CLI::ExistingFile);
  auto* pol = check
                  ->add_option("--policy", a->policies,
                               "AgentgatewayPolicy file (repeatable), instead of --config")
                  ->check(CLI::ExistingFile);
  cfg->excludes(pol);
  check->add_option("--backend", a->backend,
                    "MCP server URL to ask for its tools (default: the config's backend)");
  check->add_option("--tools", a->tools, "Tool names to check instead of asking the backend")
      ->delimiter(',');
  auto* tok = check->add_option("--token", a->token,
                                "An access token, verified with the policy's providers");
  auto* cl =
      check->add_option("--claims", a->claims, "Claims as a JSON object, instead of a token");
  tok->excludes(cl);
  check->callback([a, &chosen] {
    if (a->config_file.empty() && a->policies.empty()) {
      throw CLI::RequiredError("--config or --policy");
    }
    chosen = [a] {
      try {
        return run_check(*a);
      } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
      }
    };
  });
}

}  // namespace mcpgate::cli
