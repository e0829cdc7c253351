// `mcpgate dev`: the whole reference stack on one machine, in one process — the development
// issuer, the demo MCP server, and the gateway with the reference policy — plus a banner with
// ready tokens and the MCP Inspector command.

#include "cel/request_binding.hpp"
#include "cli/commands.hpp"
#include "cli/demo_server.hpp"
#include "config/env.hpp"
#include "config/load.hpp"
#include "gateway/authorizer.hpp"
#include "gateway/service.hpp"
#include "http/server.hpp"
#include "issuer/issuer.hpp"
#include "jose/signer.hpp"
#include "jose/verifier.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace mcpgate::cli {

namespace {

namespace fs = std::filesystem;

struct dev_options {
  std::uint16_t port = 3000;
  std::string dir = ".mcpgate-dev";
};

// The reference AgentgatewayPolicy (mcp-oauth-demos README, step 6) pointed at the embedded
// issuer instead of Auth0.
std::string reference_policy(const std::string& issuer, const std::string& audience,
                             const std::string& jwks) {
  return R"(# The reference AgentgatewayPolicy, pointed at mcpgate's development issuer.
# Edit the rules below: the gateway reloads this file when it changes.
apiVersion: agentgateway.dev/v1alpha1
kind: AgentgatewayPolicy
metadata:
  name: mcp-oauth-policy
spec:
  traffic:
    cors:
      allowOrigins: ["*"]
      allowMethods: [GET, POST, OPTIONS, DELETE]
      allowHeaders: ["*"]
      exposeHeaders: ["*"]
      maxAge: 86400
    jwtAuthentication:
      providers:
        - issuer: ")" +
         issuer + R"("
          audiences: [")" +
         audience + R"("]
          jwks:
            remote:
              url: ")" +
         jwks + R"("
  backend:
    mcp:
      authorization:
        action: Allow
        policy:
          matchExpressions:
            - 'mcp.tool.name == "echo"'
            - 'mcp.tool.name == "get_user_info"'
            - 'mcp.tool.name == "list_files" && jwt.scope.contains("files:read")'
            - 'mcp.tool.name == "delete_file" && jwt.scope.contains("files:delete") && jwt["https://mcp-demo/roles"].contains("admin")'
            - 'mcp.tool.name == "system_status" && jwt["https://mcp-demo/roles"].contains("admin")'
)";
}

std::string gateway_config(std::uint16_t port, std::uint16_t admin_port, const std::string& backend,
                           const std::string& public_url) {
  std::ostringstream s;
  s << "# mcpgate dev: the gateway's configuration (docs/configuration.md).\n"
    << "listeners:\n  - address: 127.0.0.1\n    port: " << port << "\n"
    << "publicUrl: " << public_url << "\n"
    << "backends:\n  - name: demo\n    url: " << backend << "\n    routes: [/mcp]\n"
    << "admin:\n  address: 127.0.0.1\n  port: " << admin_port << "\n"
    << "policyFiles: [policy.yaml]\n";
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out{path, std::ios::trunc};
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

// Binds `port` on 127.0.0.1 or fails with the one line a person needs.
void bind_or_explain(const result<http::net::ip::tcp::endpoint>& bound, std::uint16_t port,
                     std::string_view what) {
  if (!bound) {
    throw std::runtime_error("port " + std::to_string(port) + " (" + std::string{what} +
                             ") is not available: " + bound.error().message() +
                             "; choose other ports with --port");
  }
}

// The demo tools a token may call under the policy, as the gateway will decide it.
std::string visible_tools(const gateway::authorizer& rules, const boost::json::object& claims) {
  std::string out;
  for (const char* tool : {"echo", "get_user_info", "list_files", "delete_file", "system_status"}) {
    cel::request_fields f;
    f.jwt = &claims;
    f.mcp_method = "tools/call";
    f.tool_name = tool;
    if (rules.decide(f, gateway::authorize_mode::list).allowed) {
      out += out.empty() ? "" : ", ";
      out += tool;
    }
  }
  return out;
}

int run_dev(const dev_options& o) {
  if (o.port > 65532) {
    throw std::runtime_error("--port must leave room for three more ports above it");
  }
  const std::uint16_t issuer_port = o.port + 1, demo_port = o.port + 2, admin_port = o.port + 3;
  const fs::path dir = fs::absolute(o.dir);
  fs::create_directories(dir);
  const std::string mcp_url = "http://localhost:" + std::to_string(o.port) + "/mcp";
  const std::string issuer_url = "http://localhost:" + std::to_string(issuer_port);

  // The issuer, on its own listener.
  http::server_options small;
  small.workers = 1;
  http::server issuer_server{small};
  auto key = jose::signing_key::generate(jose::alg::es256, "mcpgate-dev");
  if (!key) {
    throw std::runtime_error("cannot generate the issuer key");
  }
  issuer::issuer_options io;
  io.public_url = issuer_url;
  io.default_audience = mcp_url;
  issuer::issuer iss{std::move(io), std::move(*key)};
  bind_or_explain(issuer::listen(issuer_server, "127.0.0.1", issuer_port, iss), issuer_port,
                  "issuer");

  // The demo server, trusting the gateway's identity assertions.
  demo_server_options demo;
  demo.listen = "127.0.0.1:" + std::to_string(demo_port);
  demo.root = (dir / "files").string();
  demo.identity_jwks =
      "http://127.0.0.1:" + std::to_string(o.port) + "/.well-known/mcpgate/jwks.json";
  demo.workers = 1;
  http::server demo_server{demo_server_http_options(demo)};
  std::string demo_url;
  try {
    demo_url = start_demo_server(demo, demo_server);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string{e.what()} + " (demo server port " +
                             std::to_string(demo_port) + "; choose other ports with --port)");
  }

  // The gateway's files: shown to the user and hot-reloaded.
  const auto policy_path = dir / "policy.yaml";
  write_file(policy_path, reference_policy(iss.issuer_id(), mcp_url,
                                           "http://127.0.0.1:" + std::to_string(issuer_port) +
                                               "/.well-known/jwks.json"));
  const auto config_path = dir / "mcpgate.yaml";
  write_file(config_path,
             gateway_config(o.port, admin_port, "http://127.0.0.1:" + std::to_string(demo_port),
                            "http://localhost:" + std::to_string(o.port)));

  gateway::service_options so;
  const auto env = config::process_environment();
  so.load = [config_path, env] { return config::load_config(config_path, env); };
  so.companions = {&issuer_server, &demo_server};
  so.on_listening = [&](std::uint16_t, std::uint16_t) {
    const auto cfg = config::load_config(config_path, env);
    const auto rules = gateway::authorizer::compile(cfg.policy.authorizations);
    std::ostringstream b;
    b << "\n"
      << "  mcpgate dev — the reference MCP OAuth stack on this machine (development only)\n\n"
      << "  MCP server (through the gateway)  " << mcp_url << "\n"
      << "  development issuer                " << iss.issuer_id()
      << "  (device flow, code + PKCE, registration)\n"
      << "  demo MCP server (direct)          " << demo_url << "\n"
      << "  admin                             http://127.0.0.1:" << admin_port << "/metrics\n"
      << "  policy (edit me, hot-reloaded)    " << policy_path.string() << "\n\n";
    for (const char* user : {"admin", "reader", "basic"}) {
      auto minted = iss.mint_for_user(user);
      if (!minted) {
        continue;
      }
      std::string tools = "?";
      if (auto parsed = jose::key_set::parse(boost::json::serialize(iss.jwks()))) {
        jose::verify_options vo;
        vo.claims.issuer = iss.issuer_id();
        vo.claims.audiences = {mcp_url};
        if (auto v = jose::verify_jwt(minted->access_token, *parsed, vo, core::real_clock())) {
          tools = visible_tools(rules, v->claims);
        }
      }
      b << "  " << user << " sees: " << tools << "\n"
        << "    export "
        << (std::string{user} == "admin"    ? "ADMIN"
            : std::string{user} == "reader" ? "READER"
                                            : "BASIC")
        << "_TOKEN=" << minted->access_token << "\n\n";
    }
    b << "  Try it:\n"
      << "    curl -s " << mcp_url << " -H 'Content-Type: application/json' \\\n"
      << "      -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}' -i     # 401 + "
         "resource metadata\n"
      << "    npx @modelcontextprotocol/inspector --cli " << mcp_url << " --transport http \\\n"
      << "      --header \"Authorization: Bearer $READER_TOKEN\" --method tools/list\n"
      << "  or open the Inspector UI (npx @modelcontextprotocol/inspector), connect to " << mcp_url
      << "\n"
      << "  with Streamable HTTP and paste a token under Authentication.\n"
      << "  Get a token like a user would:  mcpgate token device --issuer " << issuer_url
      << " --client-id mcpgate-cli --audience " << mcp_url << "\n\n"
      << "  Ctrl-C stops everything.\n";
    std::cout << b.str() << std::flush;
  };
  gateway::service svc{std::move(so)};
  svc.run();
  return 0;
}

}  // namespace

void register_dev(CLI::App& app, action& chosen) {
  auto o = std::make_shared<dev_options>();
  CLI::App* cmd = app.add_subcommand("dev",
                                     "Run the whole stack locally: development issuer, demo MCP "
                                     "server and the gateway with the reference policy");
  cmd->add_option("--port", o->port,
                  "Gateway port; the issuer, demo server and admin use the next three")
      ->capture_default_str();
  cmd->add_option("--dir", o->dir, "Working directory for the policy, config and demo files")
      ->capture_default_str();
  cmd->callback([&chosen, o] { chosen = [o] { return run_dev(*o); }; });
}

}  // namespace mcpgate::cli
