#pragma once

#include "config/gateway_config.hpp"
#include "gateway/authenticator.hpp"
#include "gateway/authorizer.hpp"
#include "gateway/cors.hpp"
#include "http/url.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::gateway {

// A path prefix and the backend it goes to.
struct route {
  std::string prefix;  // "/mcp"; "/" matches every path
  std::string backend_name;
  http::url upstream;     // the backend URL; its path is a prefix put before the request path
  std::string base_path;  // upstream path without a trailing '/', "" for none
  std::string origin;     // upstream.origin(), built once (each request's audience starts with it)
};

// Everything one request needs, built once per (re)load and then immutable (STYLE.md, habit 4):
// compiled rules, CORS, providers with their key sources, routes. Requests hold the snapshot they
// started with, so a reload never changes a request halfway.
struct snapshot {
  std::uint64_t generation = 0;
  std::shared_ptr<const config::gateway_config> config;
  std::optional<gateway::cors> cors;
  bool authentication = false;  // a jwtAuthentication section exists
  config::jwt_mode mode = config::jwt_mode::strict;
  std::vector<provider> providers;
  std::vector<std::string> authorization_servers;  // the providers' issuers, for RFC 9728
  authorizer rules;
  bool rules_read_headers = false;  // some rule reads request.headers: bind them
  std::vector<route> routes;        // longest prefix first

  // The route for a request path (no query), matching whole segments: "/mcp" takes "/mcp" and
  // "/mcp/x", not "/mcpx".
  const route* match(std::string_view path) const noexcept;
};

// Makes the key source of a provider; the service keeps remote sources across reloads.
using key_source_factory = std::function<std::shared_ptr<key_source>(const config::jwt_provider&)>;

// Builds a snapshot; throws config::config_error (or std::runtime_error) when something in the
// configuration cannot be compiled or imported.
std::shared_ptr<const snapshot> build_snapshot(std::shared_ptr<const config::gateway_config> config,
                                               std::uint64_t generation,
                                               const key_source_factory& key_sources);

// The current snapshot, swapped atomically by reloads.
class snapshot_holder {
 public:
  std::shared_ptr<const snapshot> load() const noexcept {
    return current_.load(std::memory_order_acquire);
  }
  void store(std::shared_ptr<const snapshot> s) noexcept {
    current_.store(std::move(s), std::memory_order_release);
  }

 private:
  std::atomic<std::shared_ptr<const snapshot>> current_;
};

}  // namespace mcpgate::gateway
