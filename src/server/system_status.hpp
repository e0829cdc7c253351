#pragma once

#include "server/mcp_server.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace mcpgate::server {

// A snapshot for the system_status tool: version, uptime, load averages, memory (machine and this
// process), and what the server has served. Fields the OS does not report are left out.
boost::json::object system_status(std::string_view version, const server_stats& stats,
                                  std::size_t open_sessions);

}  // namespace mcpgate::server
