#pragma once

// The reference demo server's five tools (reference README "What This Does"): echo,
// get_user_info, list_files, delete_file, system_status.

#include "server/identity.hpp"
#include "server/mcp_server.hpp"
#include "server/registry.hpp"
#include "server/sandbox.hpp"

#include <memory>
#include <string>

namespace mcpgate::server {

struct demo_dependencies {
  std::shared_ptr<const sandbox> files;
  std::shared_ptr<identity_verifier> identities;
  std::shared_ptr<server_stats> stats;
  // Read at call time: the server (and its session count) is built after the registry.
  std::shared_ptr<const mcp_server*> server;
  std::string version;
};

void register_demo_tools(registry& reg, demo_dependencies deps);

}  // namespace mcpgate::server
