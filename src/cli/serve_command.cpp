#include "cli/commands.hpp"
#include "cli/logging.hpp"
#include "config/env.hpp"
#include "config/load.hpp"
#include "gateway/service.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mcpgate::cli {

namespace {

struct serve_options {
  std::string config_file;
  std::string listen;
  std::string backend;
  std::vector<std::string> policies;
  std::vector<std::string> backend_hosts;  // name=url
  std::string admin;                       // ADDR:PORT or "off"; only with --listen
  unsigned workers = 0;
};

// What `serve` loads at start and at every reload.
std::function<config::gateway_config()> loader(const serve_options& o) {
  const auto env = config::process_environment();
  if (!o.config_file.empty()) {
    return [path = std::filesystem::path{o.config_file}, env] {
      return config::load_config(path, env);
    };
  }
  config::backend_host_map hosts;
  for (const auto& entry : o.backend_hosts) {
    const auto eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CLI::ValidationError("--backend-host", "expected NAME=URL, got \"" + entry + "\"");
    }
    hosts[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  std::vector<std::filesystem::path> policies(o.policies.begin(), o.policies.end());
  return [o, policies, hosts, env] {
    auto cfg = config::config_from_flags(o.listen, o.backend, policies, o.workers, env, hosts);
    if (o.admin == "off") {
      cfg.admin.enabled = false;
    } else if (!o.admin.empty()) {
      const auto colon = o.admin.rfind(':');
      if (colon == std::string::npos) {
        throw std::runtime_error("--admin: expected ADDRESS:PORT or off, got \"" + o.admin + "\"");
      }
      cfg.admin.address = o.admin.substr(0, colon);
      try {
        const auto port = std::stoul(o.admin.substr(colon + 1));
        if (port > 65535) {
          throw std::out_of_range("port");
        }
        cfg.admin.port = static_cast<std::uint16_t>(port);
      } catch (const std::exception&) {
        throw std::runtime_error("--admin: bad port in \"" + o.admin + "\"");
      }
    }
    return cfg;
  };
}

}  // namespace

void register_serve(CLI::App& app, action& chosen, const logging_flags& logging) {
  auto o = std::make_shared<serve_options>();
  auto* cmd = app.add_subcommand("serve", "Run the gateway in front of an MCP server");
  auto* config_opt =
      cmd->add_option("--config", o->config_file, "Native mcpgate config file (YAML)")
          ->check(CLI::ExistingFile);
  auto* listen_opt = cmd->add_option("--listen", o->listen, "Listen address, e.g. 0.0.0.0:3000");
  auto* backend_opt =
      cmd->add_option("--backend", o->backend, "URL of the MCP server, e.g. http://127.0.0.1:8000");
  cmd->add_option("--policy", o->policies, "AgentgatewayPolicy file (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option(
      "--backend-host", o->backend_hosts,
      "Where a policy's jwks backendRef points outside Kubernetes: NAME=URL (repeatable)");
  cmd->add_option("--workers", o->workers, "Worker threads (default: one per core)");
  auto* admin_opt = cmd->add_option("--admin", o->admin,
                                    "Admin listener ADDRESS:PORT (default 127.0.0.1:9901), or off");
  config_opt->excludes(listen_opt)->excludes(backend_opt)->excludes(admin_opt);
  listen_opt->needs(backend_opt);
  backend_opt->needs(listen_opt);
  cmd->callback([o, &chosen, &logging] {
    if (o->config_file.empty() && o->backend.empty()) {
      throw CLI::RequiredError("--config FILE, or --listen ADDR --backend URL");
    }
    chosen = [o, &logging] {
      gateway::service_options so;
      so.load = [load = loader(*o), &logging, at_start = true]() mutable {
        auto cfg = load();
        apply_config_logging(cfg.logging, logging, at_start);
        at_start = false;
        return cfg;
      };
      gateway::service svc{std::move(so)};
      svc.run();
      return 0;
    };
  });
}

}  // namespace mcpgate::cli
