#pragma once

#include "config/policy.hpp"
#include "config/policy_merge.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mcpgate::config {

// The native mcpgate configuration (docs/configuration.md lists every key). Values are validated
// and defaulted; nothing here touches the network or the file system beyond loading.

inline constexpr std::uint16_t default_listen_port = 3000;
inline constexpr std::uint16_t default_admin_port = 9901;

struct listener {
  std::string address = "0.0.0.0";
  std::uint16_t port = default_listen_port;  // 0 picks a free port (tests)
  source_location where;
};

// An upstream MCP server. A request whose path starts with one of `routes` goes to it; the path
// is forwarded unchanged, after url's own path prefix when url has one.
struct backend {
  std::string name;
  std::string url;                          // http(s)://host[:port][/prefix]
  std::vector<std::string> routes{"/mcp"};  // path prefixes, each beginning with '/'
  source_location where;
};

struct admin_listener {
  bool enabled = true;
  std::string address = "127.0.0.1";  // metrics and /config are not for the public
  std::uint16_t port = default_admin_port;
};

struct limits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;  // one JSON-RPC request
  std::size_t max_json_depth = 64;
  std::size_t max_connections = 10'000;                    // per process, across workers
  std::size_t max_token_bytes = 8 * 1024;                  // a bearer token
  std::size_t max_response_body_bytes = 16 * 1024 * 1024;  // a list response buffered to filter
  std::size_t max_sse_event_bytes = 1024 * 1024;           // one SSE event inspected
};

struct timeouts {
  std::chrono::milliseconds connect{5'000};       // upstream TCP (+TLS) connect
  std::chrono::milliseconds response{60'000};     // upstream response headers after the request
  std::chrono::milliseconds idle{60'000};         // keep-alive connection without traffic
  std::chrono::milliseconds header_read{10'000};  // client request headers
};

enum class log_format { text, json };
enum class log_level { trace, debug, info, warn, error };

struct logging_options {
  log_format format = log_format::text;
  log_level level = log_level::info;
  bool access_log = true;
};

// What a denied tools/call, prompts/get or resources/read answers (DESIGN.md).
enum class on_deny { unknown_tool, forbidden };

// The gateway-signed identity assertion sent to the backend instead of the caller's token.
struct identity_assertion {
  bool enabled = true;
  std::chrono::milliseconds ttl{60'000};
  std::string audience;  // empty: the backend's URL
  std::string header = "X-Mcpgate-Identity";
  std::filesystem::path key_file;  // PEM private key; empty: generated at start-up
};

// Remote JWKS fetching. Key material travels over HTTPS, or plain http to a loopback host; a
// cluster-internal issuer reached over plain http must be named here, host by host, so that a
// typo in a policy's URL can never downgrade an Internet key fetch to plain http.
struct jwks_fetch_settings {
  std::vector<std::string> allow_plain_http_hosts;  // exact host names or IP literals, lower case
};

struct gateway_config {
  std::string source_file;  // empty when built from flags
  std::vector<listener> listeners{listener{}};
  std::string public_url;  // empty: derived from each request's Host
  std::vector<backend> backends;
  backend_host_map backend_hosts;
  admin_listener admin;
  struct limits limits;
  struct timeouts timeouts;
  logging_options logging;
  unsigned workers = 0;  // 0: one per hardware thread
  bool forward_token = false;
  enum on_deny on_deny = on_deny::unknown_tool;
  identity_assertion identity;
  jwks_fetch_settings jwks;

  // Policy files, resolved against the config file's directory; the gateway watches them and
  // the config file itself (watched_files) for reload.
  std::vector<std::filesystem::path> policy_files;
  std::vector<std::filesystem::path> watched_files;
  // Every policy document loaded (inline section first, then the files in order, then any
  // AgentgatewayPolicy documents in the config file itself) and their merged, resolved result.
  std::vector<policy_document> policy_documents;
  policy_set policy;
};

const char* to_string(log_format f) noexcept;
const char* to_string(log_level l) noexcept;
const char* to_string(on_deny d) noexcept;

}  // namespace mcpgate::config
