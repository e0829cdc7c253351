#pragma once

// Private to the server: the worker, connection and exchange state shared by server.cpp,
// connection.cpp and exchange.cpp. Not installed as API.

#include "http/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <optional>
#include <thread>
#include <unordered_set>

namespace mcpgate::http::detail {

struct server_impl;
struct worker;

// One accepted connection; lives on its coroutine's frame.
struct connection {
  connection(worker& w, boost::asio::ip::tcp::socket socket, boost::asio::ip::tcp::endpoint peer);

  worker& owner;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  // The header of the response being written (kept for the next one; released for a stream).
  std::string head;
  boost::asio::ip::tcp::endpoint peer;
  std::string peer_address;  // peer's address as text, on first use (exchange::peer_address)
  // Waiting for (the rest of) a request header: drain may close it.
  bool idle = true;
  bool drain_cancelled = false;
  // Client-gone watching (exchange::wait_client_gone).
  bool watching = false;
  bool stop_watch = false;
  bool gone = false;
  std::function<void()> on_gone;          // exchange::on_client_gone
  boost::asio::steady_timer gone_signal;  // cancelled when `gone` is set (wakes waiters)
  boost::asio::steady_timer watch_done;   // cancelled when the watcher exits
};

// One request/answer on a connection.
struct exchange_state {
  enum class phase { fresh, streaming, done };

  connection& conn;
  request req;
  phase state = phase::fresh;
  bool keep_alive = true;
  bool chunked = false;
  bool bodiless = false;  // a streamed response that has no body (1xx, 204, 304, HEAD)
  bool broken = false;  // an I/O error or an unfinished stream: close after this exchange
};

struct listener {
  boost::asio::ip::tcp::endpoint endpoint;
  std::shared_ptr<const handler> on_request;
};

struct worker {
  worker(server_impl& s, std::size_t i);

  server_impl& server;
  std::size_t index;
  // Declared before the io_context so it outlives the coroutine frames the context destroys.
  std::unordered_set<connection*> connections;
  bool draining = false;
  boost::asio::io_context ioc{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
  std::vector<boost::asio::ip::tcp::acceptor> acceptors;  // one per listener
  std::optional<boost::asio::steady_timer> drain_timer;
};

struct server_impl {
  server_options options;
  std::vector<std::unique_ptr<worker>> workers;
  std::vector<listener> listeners;
  std::vector<std::thread> threads;
  std::atomic<std::size_t> open{0};
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<bool> stopping{false};
  bool started = false;
};

// Serves one connection until it closes (connection.cpp).
task<void> serve_connection(worker& w, boost::asio::ip::tcp::socket socket,
                            std::shared_ptr<const handler> on_request);

// Writes a complete response, header and body, within `timeout` (exchange.cpp).
task<error_code> write_response(connection& c, const response& res,
                                std::chrono::milliseconds timeout);

// Answers 503 and closes: the connection limit is reached (connection.cpp).
task<void> reject_connection(boost::asio::ip::tcp::socket socket);

// The worker is draining and its last connection ended: stop its loop (server.cpp).
void on_worker_idle(worker& w);

}  // namespace mcpgate::http::detail
