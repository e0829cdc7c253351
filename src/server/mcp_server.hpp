#pragma once

// The protocol side of an MCP server: initialize and capabilities, and the dispatch of every
// client request to the registry. Transport-free: the Streamable HTTP layer (streamable_http.hpp)
// hands it validated messages and a request_context to talk back through.

#include "http/message.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/model.hpp"
#include "server/context.hpp"
#include "server/registry.hpp"
#include "server/session.hpp"

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace mcpgate::server {

struct server_stats {
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::atomic<std::uint64_t> requests{0};    // JSON-RPC requests handled
  std::atomic<std::uint64_t> tool_calls{0};  // tools/call among them
  std::atomic<std::uint64_t> sessions_opened{0};
};

struct server_options {
  mcp::implementation info;
  std::string instructions;  // optional text the client may show its model
  session_limits sessions;
  // Values one completion/complete answer carries (the spec caps it at 100).
  std::size_t max_completion_values = 100;
};

class mcp_server {
 public:
  mcp_server(server_options options, registry tools, std::shared_ptr<server_stats> stats);

  // Handles initialize: a new session and the response, or an error response with no session.
  struct initialized {
    boost::json::object response;
    std::shared_ptr<session> created;
  };
  initialized initialize(const mcp::message& request);

  // Handles any other request of an initialized session; the response object (result or error).
  http::task<boost::json::object> handle(mcp::message request, session& s, request_context& ctx);

  session_store& sessions() noexcept { return sessions_; }
  std::size_t open_sessions() const { return sessions_.size(); }
  const registry& offered() const noexcept { return registry_; }
  server_stats& stats() noexcept { return *stats_; }
  const server_options& options() const noexcept { return options_; }

 private:
  boost::json::object capabilities() const;
  http::task<boost::json::object> call_tool(const mcp::message& m, request_context& ctx);
  boost::json::object get_prompt(const mcp::message& m) const;
  boost::json::object read_resource(const mcp::message& m) const;
  boost::json::object complete(const mcp::message& m) const;

  server_options options_;
  registry registry_;
  std::shared_ptr<server_stats> stats_;
  session_store sessions_;
};

// MCP's error code for resources/read of a URI that names nothing.
inline constexpr std::int64_t resource_not_found_code = -32002;

}  // namespace mcpgate::server
