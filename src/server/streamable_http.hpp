#pragma once

// MCP Streamable HTTP (MCP 2025-11-25, basic/transports) on the http module's server: one
// endpoint path; POST carries one JSON-RPC message (answered with JSON, or with an SSE stream once
// the handler sends notifications or requests before its result; 202 for notifications and
// responses), GET opens the session's server stream, DELETE ends the session.

#include "http/server.hpp"
#include "mcp/jsonrpc.hpp"
#include "server/mcp_server.hpp"
#include "server/origin.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace mcpgate::server {

struct transport_options {
  std::string path = "/mcp";
  origin_policy origins;
  mcp::message_limits message_limits;
  // A comment line on idle GET streams so proxies do not time them out.
  std::chrono::milliseconds keepalive_interval{std::chrono::seconds{15}};
  // How often an open GET stream looks whether its session has ended.
  std::chrono::milliseconds session_check_interval{std::chrono::seconds{1}};
};

// The request handler to pass to http::server::listen(). `server` must outlive the HTTP server.
http::handler make_streamable_http_handler(std::shared_ptr<mcp_server> server,
                                           transport_options options);

}  // namespace mcpgate::server
