// `mcpgate demo-server`: the reference demo MCP server (echo, get_user_info, list_files,
// delete_file, system_status) on MCP Streamable HTTP, optionally with the conformance fixtures.

#include "cli/commands.hpp"
#include "cli/demo_server.hpp"
#include "core/clock.hpp"
#include "http/server.hpp"
#include "server/conformance_fixtures.hpp"
#include "server/demo_tools.hpp"
#include "server/identity.hpp"
#include "server/mcp_server.hpp"
#include "server/sandbox.hpp"
#include "server/streamable_http.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace mcpgate::cli {

namespace {

struct host_port {
  std::string host;
  std::uint16_t port = 0;
};

// "127.0.0.1:8000", "[::1]:0", "localhost:8000".
host_port parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    throw std::invalid_argument("--listen must be HOST:PORT, got '" + text + "'");
  }
  host_port out;
  out.host = text.substr(0, colon);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) {
    throw std::invalid_argument("--listen port must be 0-65535, got '" + port + "'");
  }
  out.port = static_cast<std::uint16_t>(value);
  return out;
}

std::filesystem::path default_root() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path{xdg} / "mcpgate" / "demo-files";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path{home} / ".local" / "share" / "mcpgate" / "demo-files";
  }
  return std::filesystem::current_path() / "mcpgate-demo-files";
}

}  // namespace

std::string start_demo_server(const demo_server_options& o, http::server& http_server) {
  const host_port where = parse_listen(o.listen);
  const std::filesystem::path root =
      o.root.empty() ? default_root() : std::filesystem::path{o.root};
  auto seeded = server::ensure_seeded_root(root);
  if (!seeded) {
    throw std::runtime_error("cannot create the sandbox root " + root.string() + ": " +
                             seeded.error().message());
  }
  auto files = server::sandbox::open(root);
  if (!files) {
    throw std::runtime_error("cannot open the sandbox root " + root.string() + ": " +
                             files.error().message());
  }
  if (*seeded) {
    spdlog::info("created and seeded the sandbox root {}", root.string());
  }

  auto stats = std::make_shared<server::server_stats>();
  auto server_ref = std::make_shared<const server::mcp_server*>(nullptr);
  server::identity_options id_options;
  id_options.jwks_source = o.identity_jwks;
  id_options.issuer = o.identity_issuer;
  id_options.audiences = o.identity_audiences;
  auto identities =
      std::make_shared<server::identity_verifier>(std::move(id_options), core::real_clock());

  server::registry reg;
  server::register_demo_tools(reg, {std::make_shared<const server::sandbox>(std::move(*files)),
                                    identities, stats, server_ref, MCPGATE_VERSION});
  if (o.fixtures == "conformance") {
    server::register_conformance_fixtures(reg);
  }

  server::server_options mcp_options;
  mcp_options.info = {"mcpgate-demo-server", MCPGATE_VERSION, "mcpgate demo server"};
  mcp_options.instructions =
      "Demo tools: echo, get_user_info, list_files and delete_file (sandboxed), system_status.";
  auto mcp = std::make_shared<server::mcp_server>(std::move(mcp_options), std::move(reg), stats);
  *server_ref = mcp.get();

  server::transport_options transport;
  const bool loopback = where.host == "127.0.0.1" || where.host == "::1" ||
                        where.host == "localhost" || where.host.starts_with("127.");
  transport.origins.check_host = loopback || !o.allowed_hosts.empty();
  transport.origins.allowed_hosts = o.allowed_hosts;
  transport.origins.allowed_origins = o.allowed_origins;

  auto bound = http_server.listen(where.host, where.port,
                                  server::make_streamable_http_handler(mcp, std::move(transport)));
  if (!bound) {
    throw std::runtime_error("cannot listen on " + o.listen + ": " + bound.error().message());
  }
  const std::string host = bound->address().is_v6() ? "[" + bound->address().to_string() + "]"
                                                    : bound->address().to_string();
  const std::string url = "http://" + host + ":" + std::to_string(bound->port()) + "/mcp";
  if (o.identity_audiences.empty()) {
    // The gateway's default audience is the URL of the backend it forwards to: ours.
    identities->set_audiences({url});
  }
  if (auto ec = identities->preload()) {
    throw std::runtime_error("cannot load --identity-jwks " + o.identity_jwks + ": " +
                             ec.message());
  }
  return url;
}

namespace {

int run_demo_server(const demo_server_options& o) {
  http::server http_server{demo_server_http_options(o)};
  const std::string url = start_demo_server(o, http_server);
  std::cout << "demo-server listening on " << url << std::endl;
  http::run_until_signal({&http_server});
  return 0;
}

}  // namespace

http::server_options demo_server_http_options(const demo_server_options& o) {
  http::server_options http_options;
  http_options.workers = o.workers;
  // Open GET streams end only when cut; keep shutdown quick.
  http_options.drain_timeout = std::chrono::seconds{2};
  return http_options;
}

void register_demo_server(CLI::App& app, action& chosen) {
  auto o = std::make_shared<demo_server_options>();
  CLI::App* cmd =
      app.add_subcommand("demo-server",
                         "Run the demo MCP server (echo, get_user_info, list_files, delete_file, "
                         "system_status) on Streamable HTTP");
  cmd->add_option("--listen", o->listen, "Address and port, e.g. 127.0.0.1:8000 or [::1]:0")
      ->capture_default_str();
  cmd->add_option("--root", o->root,
                  "Sandbox directory for list_files/delete_file (default: a data directory "
                  "created and seeded on first start)");
  cmd->add_option("--identity-jwks", o->identity_jwks,
                  "JWKS file or URL with the gateway's identity key (X-Mcpgate-Identity)");
  cmd->add_option("--identity-issuer", o->identity_issuer, "Expected iss of identity assertions")
      ->capture_default_str();
  cmd->add_option("--identity-audience", o->identity_audiences,
                  "Accepted aud of identity assertions (default: this server's URL)");
  cmd->add_option("--fixtures", o->fixtures, "Extra fixtures to register")
      ->check(CLI::IsMember({"conformance"}));
  cmd->add_option("--allowed-host", o->allowed_hosts,
                  "Host names accepted besides localhost (DNS-rebinding protection)");
  cmd->add_option("--allowed-origin", o->allowed_origins,
                  "Browser origins accepted besides loopback ones");
  cmd->add_option("--workers", o->workers, "Worker threads")->capture_default_str();
  cmd->callback([&chosen, o] { chosen = [o] { return run_demo_server(*o); }; });
}

}  // namespace mcpgate::cli
