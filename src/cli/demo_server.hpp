#pragma once

#include "http/server.hpp"

#include <string>
#include <vector>

namespace mcpgate::cli {

// `mcpgate demo-server` options; `mcpgate dev` runs the same server in its own process.
struct demo_server_options {
  std::string listen = "127.0.0.1:8000";
  std::string root;
  std::string identity_jwks;
  std::string identity_issuer = "mcpgate";
  std::vector<std::string> identity_audiences;
  std::string fixtures;
  std::vector<std::string> allowed_hosts;
  std::vector<std::string> allowed_origins;
  std::size_t workers = 2;
};

// Server options (workers, a short drain for open GET streams) for a demo server.
http::server_options demo_server_http_options(const demo_server_options& o);

// Registers the demo tools and binds the demo server on `http_server` (before it starts);
// returns its MCP URL ("http://127.0.0.1:8000/mcp"). Throws with one clear line on failure.
std::string start_demo_server(const demo_server_options& o, http::server& http_server);

}  // namespace mcpgate::cli
