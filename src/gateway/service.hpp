#pragma once

#include "config/gateway_config.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace mcpgate::http {
class server;
}

namespace mcpgate::gateway {

struct service_options {
  // Loads (and reloads) the configuration; throws config::config_error with the place of a
  // problem. The watched files come from the loaded config (watched_files).
  std::function<config::gateway_config()> load;
  // How often watched files are checked for changes (SIGHUP reloads at once).
  std::chrono::milliseconds watch_interval{std::chrono::seconds{1}};
  // Called once listening, with the main and admin ports (tests and `mcpgate dev` read them).
  std::function<void(std::uint16_t port, std::uint16_t admin_port)> on_listening;
  // Servers bound by the caller that start and stop with the gateway (`mcpgate dev` runs the
  // issuer and the demo server in the same process).
  std::vector<http::server*> companions;
};

// `mcpgate serve`: the gateway process. Loads the configuration, builds the first snapshot
// (a bad configuration is a start-up error), listens, and then reloads on file changes and
// SIGHUP — a bad reload keeps the previous snapshot and logs why — until SIGTERM/SIGINT, when it
// drains and returns.
class service {
 public:
  explicit service(service_options options);
  ~service();
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  // Blocks until a termination signal (or stop()); throws on start-up failures.
  void run();
  // Stops from another thread (tests).
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace mcpgate::gateway
