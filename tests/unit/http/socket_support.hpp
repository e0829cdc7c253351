#pragma once

// Raw-socket helpers for the socket-level tests: blocking I/O with a deadline, so a server
// that fails to answer makes a test fail instead of hang.

#include "http/server.hpp"

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <string>

namespace mcpgate::http::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A test must never wait on a socket longer than this.
constexpr std::chrono::milliseconds socket_timeout{3000};

// A blocking read side with a deadline: asio's own synchronous reads poll without a limit once
// SO_RCVTIMEO makes recv() report EAGAIN, so the reads here go through poll() themselves.
struct deadline_reader {
  int fd;

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, error_code& ec) {
    auto b = *asio::buffer_sequence_begin(buffers);
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(socket_timeout.count())) != 1) {
      ec = asio::error::timed_out;
      return 0;
    }
    ssize_t n = ::recv(fd, b.data(), b.size(), 0);
    if (n < 0) {
      ec = error_code(errno, boost::system::system_category());
      return 0;
    }
    if (n == 0 && b.size() > 0) {
      ec = asio::error::eof;
      return 0;
    }
    ec = {};
    return static_cast<std::size_t>(n);
  }
  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    error_code ec;
    auto n = read_some(buffers, ec);
    if (ec) {
      throw boost::system::system_error(ec);
    }
    return n;
  }
};

class raw_client {
 public:
  explicit raw_client(const tcp::endpoint& ep) : socket_(ioc_) { socket_.connect(ep); }

  void send(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // Reads one response; an error (timeout, reset, close) comes back in `ec`.
  response read(error_code& ec) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.body_limit(1 << 24);
    deadline_reader reader{socket_.native_handle()};
    boost::beast::http::read(reader, buffer_, parser, ec);
    return parser.release();
  }
  response read() {
    error_code ec;
    auto res = read(ec);
    EXPECT_FALSE(ec) << ec.message();
    return res;
  }

  // True when the server closed the connection (EOF or reset) before socket_timeout.
  bool closed_by_peer() {
    if (buffer_.size() > 0) {
      return false;
    }
    char byte;
    error_code ec;
    deadline_reader{socket_.native_handle()}.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  // Reads whatever arrives next (at least one byte), or nothing after socket_timeout.
  std::string read_some() {
    if (buffer_.size() > 0) {
      std::string out = boost::beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      return out;
    }
    char buf[4096];
    error_code ec;
    auto n = deadline_reader{socket_.native_handle()}.read_some(asio::buffer(buf), ec);
    return std::string(buf, n);
  }

  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// A started server with one listener on 127.0.0.1:0; stopped and joined on destruction.
struct running_server {
  running_server(server_options options, handler h) : srv(std::move(options)) {
    endpoint = srv.listen("127.0.0.1", 0, std::move(h)).value();
    srv.start();
  }
  ~running_server() {
    srv.stop();
    srv.wait();
  }
  server srv;
  tcp::endpoint endpoint;
};

}  // namespace mcpgate::http::testing
