#pragma once

#include "core/clock.hpp"
#include "gateway/authenticator.hpp"
#include "gateway/gateway_metrics.hpp"
#include "gateway/identity.hpp"
#include "gateway/list_filter.hpp"
#include "gateway/snapshot.hpp"
#include "http/client.hpp"
#include "http/server.hpp"

#include <memory>
#include <vector>

namespace spdlog {
class logger;
}

namespace mcpgate::gateway {

// What one worker thread owns: its upstream connection pool and its verified-token cache. Only
// that worker touches it, so the request path takes no lock (DESIGN.md, Threading).
struct worker_state {
  worker_state(http::net::any_io_executor ex, const core::clock& clock,
               http::client_options client_opts)
      : client{std::move(ex), std::move(client_opts)}, auth{clock, {}} {}
  http::client client;
  authenticator auth;
  list_cache lists;  // the last list result per kind, read once (list_filter.hpp)
};

// The request pipeline of DESIGN.md ("Life of a request"): CORS → well-known endpoints →
// authentication → strict JSON-RPC inspection → authorization → upstream, with list results
// filtered per caller in JSON and SSE responses and everything else streamed through.
class pipeline {
 public:
  pipeline(const snapshot_holder& snapshots, std::vector<std::unique_ptr<worker_state>>& workers,
           gateway_metrics& metrics, const identity_signer* identity, const core::clock& clock,
           std::shared_ptr<spdlog::logger> access_log);

  // The handler of the public listener.
  http::task<void> handle(http::exchange& ex);

 private:
  struct stream_relay;
  // Everything up to the first byte of the answer; returns the relay when the body is streamed.
  http::task<std::unique_ptr<stream_relay>> admit(http::exchange& ex);
  // Relays a streamed body (filtering a list inside SSE) until it ends or the client goes away.
  http::task<void> relay_body(http::exchange& ex, stream_relay& r);

  const snapshot_holder& snapshots_;
  std::vector<std::unique_ptr<worker_state>>& workers_;
  gateway_metrics& metrics_;
  const identity_signer* identity_;
  const core::clock& clock_;
  std::shared_ptr<spdlog::logger> access_log_;
};

}  // namespace mcpgate::gateway
