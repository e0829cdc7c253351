#pragma once

// HTTP/1.1 server: N worker threads, each with its own io_context and its own SO_REUSEPORT
// listening socket per listener, so the request path takes no locks. One coroutine per
// connection: keep-alive, pipelining (requests answered in order), a fresh parser per message,
// and a limit and a timeout on every read.

#include "core/result.hpp"
#include "http/message.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::http {

struct server_limits {
  // Request line plus header fields. Over it: 431 and the connection closed.
  std::size_t max_header_bytes = 16 * 1024;
  // Request body (Content-Length or the sum of chunks). Over it: 413 and the connection closed.
  std::size_t max_body_bytes = 4 << 20;
  // From the first byte of a request to the end of its header: slow-header (slowloris) clients
  // are closed when it runs out.
  std::chrono::milliseconds header_timeout{std::chrono::seconds{10}};
  // From the end of the header to the end of the body.
  std::chrono::milliseconds body_timeout{std::chrono::seconds{30}};
  // A keep-alive connection waiting for its next request is closed after this long.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{60}};
  // Writing one response (or one piece of a stream) to a client that stopped reading.
  std::chrono::milliseconds write_timeout{std::chrono::seconds{30}};
  // Open connections across all workers and listeners of one server. A connection accepted over
  // the limit is answered 503 with Connection: close right away (without reading the request),
  // so a client learns why instead of seeing a reset.
  std::size_t max_connections = 10000;
};

struct server_options {
  // Worker threads; 0 means std::thread::hardware_concurrency().
  std::size_t workers = 0;
  server_limits limits;
  // After stop(): how long in-flight requests may take before their connections are cut.
  std::chrono::milliseconds drain_timeout{std::chrono::seconds{10}};
  // Runs on each worker thread before it serves anything: the place to create per-worker state
  // (a client, caches) bound to that worker's executor.
  std::function<void(std::size_t worker, net::any_io_executor executor)> on_worker_start;
};

namespace detail {
struct exchange_state;
}

// One request and its answer, handed to the handler. The handler must answer exactly once:
// respond(), or begin_stream() + write()... + finish(). A handler that returns without
// answering gets a 500. All calls happen on the connection's worker thread.
class exchange {
 public:
  explicit exchange(detail::exchange_state& state) noexcept : state_(&state) {}

  // The parsed request (body included). Mutable so a proxy can move it onward.
  request& req() noexcept;
  const request& req() const noexcept;
  // The client's address as text ("192.0.2.1", "2001:db8::1"), formatted once per connection.
  const std::string& peer_address() const;
  // Index of the worker this connection runs on, in [0, workers): per-worker state indexed by it
  // needs no locks.
  std::size_t worker() const noexcept;
  // The worker's executor (all I/O the handler starts should run on it).
  net::any_io_executor executor() const noexcept;

  // Sends a complete response. Content-Length is set from the body; Connection: close is added
  // when the connection will not be kept alive (client asked, server draining). A 1xx, 204 or
  // 304 goes out without a body and without Content-Length.
  task<error_code> respond(response res);

  // Sends the header of a streamed response: chunked for HTTP/1.1 clients; for HTTP/1.0 clients
  // the body is delimited by closing the connection. A 1xx, 204 or 304, or any answer to HEAD,
  // has no body: it ends with the header, and write() sends nothing.
  task<error_code> begin_stream(stream_header header);
  // Sends one piece of the body at once (empty pieces are skipped: an empty chunk would end it).
  task<error_code> write(std::string_view piece);
  // Ends the streamed body.
  task<error_code> finish();

  // Whether the client has been seen to close its connection. Watching starts with the first
  // call to wait_client_gone() (it costs a read on the socket, so it is not done by default).
  bool client_gone() const noexcept;
  // Completes when the client closes the connection (or at once if it has). Cancellable, so a
  // proxy can race it against upstream I/O with awaitable operators and release the upstream
  // when the client goes away. Bytes of a pipelined next request read meanwhile are kept.
  task<void> wait_client_gone();
  // Calls `fn` once when the client is seen to close (starts watching like wait_client_gone()).
  // Cheaper than racing every read of a long stream against wait_client_gone(): a proxy cancels
  // its upstream read from here. Kept until the exchange ends or it is replaced; `fn` must not
  // outlive what it refers to, so call on_client_gone({}) before that goes.
  void on_client_gone(std::function<void()> fn);

 private:
  detail::exchange_state* state_;
};

// The request handler: a coroutine run on the connection's worker.
using handler = std::function<task<void>(exchange&)>;

namespace detail {
struct server_impl;
}

class server {
 public:
  explicit server(server_options options = {});
  ~server();  // stops and joins
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Binds a listener on every worker (SO_REUSEPORT, same address and port; with port 0 the first
  // bind picks the port and the others follow it) with its own handler. Call before start().
  // Returns the bound endpoint, or the bind error (address in use, bad address).
  result<net::ip::tcp::endpoint> listen(std::string_view address, std::uint16_t port,
                                        handler on_request);

  // Starts the worker threads and returns.
  void start();
  // Blocks until every worker has stopped (after stop() and the drain).
  void wait();
  // start() then wait().
  void run();
  // Stops accepting and drains: in-flight requests finish (their responses carry
  // Connection: close), idle keep-alive connections close, and after drain_timeout whatever is
  // left is cut. Thread-safe, idempotent, returns at once.
  void stop();

  // The bound endpoints, in listen() order.
  std::vector<net::ip::tcp::endpoint> endpoints() const;
  std::size_t workers() const noexcept;
  // The executor of worker `index`, for setting up per-worker state before start().
  net::any_io_executor worker_executor(std::size_t index) const;
  // Connections open now, and accepted in total (across workers); for tests and metrics.
  std::size_t open_connections() const noexcept;
  std::uint64_t accepted_connections() const noexcept;

 private:
  std::unique_ptr<detail::server_impl> impl_;
};

// Runs the servers until SIGTERM or SIGINT (or until all of them stop by themselves), then stops
// and drains them. For the CLI: `mcpgate serve`, `mcpgate demo-server`, `mcpgate dev`.
void run_until_signal(std::vector<server*> servers);

}  // namespace mcpgate::http
