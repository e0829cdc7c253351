#pragma once

// Private to the client: a pooled connection and the pool. Not API.

#include "http/client.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

namespace mcpgate::http::detail {

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

struct pooled_connection {
  pooled_connection(std::string o, net::any_io_executor ex)
      : origin(std::move(o)), stream(std::in_place_type<plain_stream>, ex) {}

  std::string origin;
  std::variant<plain_stream, tls_stream> stream;
  beast::flat_buffer buffer;
  // The parser of the response in flight (a fresh one per response).
  std::optional<beast::http::response_parser<beast::http::buffer_body>> parser;
  std::chrono::steady_clock::time_point idle_since;
  bool reused = false;
  // The last body read filled its buffer: more is probably waiting (read_some sizes by it).
  bool last_read_full = false;

  beast::tcp_stream& lowest() noexcept;
  // The peer closed it or sent something unasked while it sat in the pool.
  bool stale() const noexcept;
  void close() noexcept;
};

struct client_impl {
  net::any_io_executor executor;
  client_options options;
  boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
  std::unordered_map<std::string, std::vector<std::unique_ptr<pooled_connection>>> idle;
  std::uint64_t made = 0;
  bool shut_down = false;  // client::shutdown(): released connections are closed, not pooled
};

}  // namespace mcpgate::http::detail
