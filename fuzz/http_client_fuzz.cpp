// What a hostile or broken upstream can send back: the fuzzer's bytes are the whole reply of a
// loopback server to the gateway's HTTP client. The client reads it as the gateway does, once as
// a stream (open + read_some to the end, as for SSE and large bodies) and once buffered (send),
// with small limits and timeouts; the server closes each connection after its reply. Errors are
// expected; a crash, a sanitizer report or a hang is a bug.
#include "http/client.hpp"
#include "http/url.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace mcpgate;

// Answers every connection with `reply` once the request header is in, then closes it.
net::awaitable<void> serve(tcp::acceptor& acceptor, std::string_view reply, int connections) {
  for (int i = 0; i < connections; ++i) {
    auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (ec) {
      co_return;
    }
    std::string request;
    char buf[2048];
    while (request.find("\r\n\r\n") == std::string::npos) {
      auto [rec, n] =
          co_await socket.async_read_some(net::buffer(buf), net::as_tuple(net::use_awaitable));
      if (rec) {
        break;
      }
      request.append(buf, n);
    }
    co_await net::async_write(socket, net::buffer(reply.data(), reply.size()),
                              net::as_tuple(net::use_awaitable));
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }
}

net::awaitable<void> exercise(http::client& client, const http::url& target,
                              tcp::acceptor& acceptor) {
  http::request_options ro;
  ro.connect_timeout = std::chrono::milliseconds{500};
  ro.response_timeout = std::chrono::milliseconds{500};
  ro.body_timeout = std::chrono::milliseconds{500};
  ro.max_header_bytes = 4096;
  ro.max_body_bytes = 16384;
  http::request req{http::verb::post, "/mcp", 11};
  req.set(http::field::content_type, "application/json");
  req.body() = R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})";
  if (auto stream = co_await client.open(target, req, ro)) {
    std::string body;
    while (!stream->done() && body.size() < 65536) {
      auto n = co_await stream->read_some(body, 4096);
      if (!n || *n == 0) {
        break;
      }
    }
  }
  (void)co_await client.send(target, req, ro);
  boost::system::error_code ignored;
  acceptor.close(ignored);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view reply{reinterpret_cast<const char*>(data), size};
  net::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
  auto target =
      http::parse_url("http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()));
  http::client_options co;
  co.tls.use_system_store = false;  // plain http only; loading the CA store costs 100 ms a run
  http::client client{ioc.get_executor(), co};
  // Up to four connections: each request may be retried once on a fresh one.
  net::co_spawn(ioc, serve(acceptor, reply, 4), net::detached);
  net::co_spawn(ioc, exercise(client, *target, acceptor), net::detached);
  ioc.run();
  return 0;
}
