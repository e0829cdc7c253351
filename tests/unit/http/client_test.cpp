#include "http/client.hpp"

#include "http/error.hpp"
#include "socket_support.hpp"
#include "tls_support.hpp"

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/socket.h>

#include <thread>
#include <vector>

namespace mcpgate::http {
namespace {

using namespace std::chrono_literals;
using testing::running_server;
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

// Runs a test coroutine on `ioc` to its end (assertions inside use EXPECT_*: ASSERT_* returns).
void run(asio::io_context& ioc, std::function<task<void>()> body) {
  bool finished = false;
  asio::co_spawn(ioc, body(), [&](std::exception_ptr e) {
    finished = true;
    if (e) {
      std::rethrow_exception(e);
    }
  });
  ioc.restart();
  ioc.run();
  EXPECT_TRUE(finished);
}

server_options one_worker() {
  server_options o;
  o.workers = 1;
  return o;
}

task<void> hello(exchange& ex) {
  response res{status::ok, 11};
  res.body() = "hello " + std::string(ex.req().target());
  co_await ex.respond(std::move(res));
}

url url_of(const asio::ip::tcp::endpoint& ep, std::string_view target = "/") {
  return parse_url("http://127.0.0.1:" + std::to_string(ep.port()) + std::string(target)).value();
}

request get() {
  return request{verb::get, "/", 11};
}

TEST(client, pool_reuses_one_connection) {
  running_server s{one_worker(), hello};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    for (int i = 0; i < 3; ++i) {
      auto r = co_await c.send(url_of(s.endpoint, "/r" + std::to_string(i)), get());
      EXPECT_TRUE(r);
      if (r) {
        EXPECT_EQ(r->result(), status::ok);
        EXPECT_EQ(r->body(), "hello /r" + std::to_string(i));
      }
    }
  });
  EXPECT_EQ(c.connections_made(), 1u);
  EXPECT_EQ(c.idle_connections(), 1u);
  EXPECT_EQ(s.srv.accepted_connections(), 1u);
}

TEST(client, pool_notices_a_connection_the_server_closed) {
  auto o = one_worker();
  o.limits.idle_timeout = 100ms;
  running_server s{o, hello};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto first = co_await c.send(url_of(s.endpoint), get());
    EXPECT_TRUE(first);
    asio::steady_timer t(ioc, 300ms);  // the server times the idle connection out meanwhile
    co_await t.async_wait(asio::use_awaitable);
    auto second = co_await c.send(url_of(s.endpoint), get());
    EXPECT_TRUE(second) << (second ? "" : second.error().message());
  });
  EXPECT_EQ(c.connections_made(), 2u);
  EXPECT_EQ(s.srv.accepted_connections(), 2u);
}

// A server that answers one request on its first connection, then closes that connection when
// the second request arrives on it, and answers on a new connection.
TEST(client, reused_connection_closed_without_answer_is_retried_once) {
  asio::io_context server_ioc;
  asio::ip::tcp::acceptor acceptor(server_ioc, {asio::ip::make_address("127.0.0.1"), 0});
  std::thread peer([&] {
    auto answer = [](asio::ip::tcp::socket& sock, beast::flat_buffer& buf, const char* body,
                     bool respond) {
      bhttp::request<bhttp::string_body> req;
      error_code ec;
      bhttp::read(sock, buf, req, ec);
      if (!respond || ec) {
        return;
      }
      bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
      res.body() = body;
      res.prepare_payload();
      bhttp::write(sock, res, ec);
    };
    asio::ip::tcp::socket first(server_ioc);
    acceptor.accept(first);
    beast::flat_buffer b1;
    answer(first, b1, "one", true);
    answer(first, b1, "", false);
    first.close();
    asio::ip::tcp::socket second(server_ioc);
    acceptor.accept(second);
    beast::flat_buffer b2;
    answer(second, b2, "two", true);
  });
  asio::io_context ioc;
  client c{ioc.get_executor()};
  auto target = url_of(acceptor.local_endpoint());
  run(ioc, [&]() -> task<void> {
    auto one = co_await c.send(target, get());
    EXPECT_TRUE(one);
    request post{verb::post, "/", 11};
    post.body() = "payload";
    auto two = co_await c.send(target, std::move(post));
    EXPECT_TRUE(two) << (two ? "" : two.error().message());
    if (two) {
      EXPECT_EQ(two->body(), "two");
    }
  });
  peer.join();
  EXPECT_EQ(c.connections_made(), 2u);
}

// A request body larger than the socket's buffers, to an upstream that starts reading late: the
// part the kernel takes goes out at once, the rest under the response timeout, all of it in order.
TEST(client, large_request_body_to_a_late_reader_arrives_whole) {
  std::string big(8 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) {
    big[i] = static_cast<char>('a' + (i * 7 + i / 4093) % 26);
  }
  asio::io_context peer_ioc;
  asio::ip::tcp::acceptor acceptor(peer_ioc, {asio::ip::make_address("127.0.0.1"), 0});
  std::string received;
  std::thread peer([&] {
    asio::ip::tcp::socket sock(peer_ioc);
    acceptor.accept(sock);
    std::this_thread::sleep_for(300ms);
    beast::flat_buffer buf;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(1 << 24);
    error_code ec;
    bhttp::read(sock, buf, parser, ec);
    received = parser.get().body();
    asio::write(
        sock, asio::buffer(std::string_view{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}), ec);
  });
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    request req{verb::post, "/", 11};
    req.body() = big;
    auto r = co_await c.send(url_of(acceptor.local_endpoint()), std::move(req));
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    if (r) {
      EXPECT_EQ(r->body(), "ok");
    }
  });
  peer.join();
  EXPECT_TRUE(received == big) << "body of " << received.size() << " bytes differs";
}

// A scripted upstream: accepts one connection, and for each request it reads answers with the
// next list of pieces (written 5 ms apart); then it waits a little and closes.
struct scripted_peer {
  explicit scripted_peer(std::vector<std::vector<std::string>> answers)
      : acceptor(ioc, {asio::ip::make_address("127.0.0.1"), 0}), thread([this, answers] {
          asio::ip::tcp::socket sock(ioc);
          acceptor.accept(sock);
          beast::flat_buffer buf;
          for (const auto& pieces : answers) {
            bhttp::request<bhttp::string_body> req;
            error_code ec;
            bhttp::read(sock, buf, req, ec);
            if (ec) {
              return;
            }
            for (const auto& piece : pieces) {
              asio::write(sock, asio::buffer(piece), ec);
              std::this_thread::sleep_for(5ms);
            }
          }
          std::this_thread::sleep_for(100ms);
        }) {}
  ~scripted_peer() { thread.join(); }
  url target() const { return url_of(acceptor.local_endpoint()); }

  asio::io_context ioc;
  asio::ip::tcp::acceptor acceptor;
  std::thread thread;
};

// A response whose header arrives in pieces and whose body ends when the server closes: it is
// read whole, and its connection is not pooled (the parser, not the header fields, knows that
// the body was delimited by the close).
TEST(client, header_in_pieces_and_close_delimited_body) {
  scripted_peer peer{
      {{"HTTP/1.1 200 OK\r\nContent-Ty", "pe: text/plain\r\n", "\r\nuntil ", "the close"}}};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(peer.target(), get());
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    if (r) {
      EXPECT_EQ(r->body(), "until the close");
      EXPECT_EQ((*r)[field::content_type], "text/plain");
    }
  });
  EXPECT_EQ(c.idle_connections(), 0u);
}

// A response header over the limit is an error, also when it trickles in a line at a time (the
// parser alone only sees the unparsed rest of a header against its limit).
TEST(client, response_header_over_the_limit) {
  std::vector<std::string> pieces{"HTTP/1.1 200 OK\r\nX"};
  for (int i = 0; i < 8; ++i) {
    pieces.push_back("-a: " + std::string(400, 'a') + "\r\nX");
  }
  scripted_peer peer{{pieces}};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    request_options o;
    o.max_header_bytes = 1024;
    auto r = co_await c.send(peer.target(), get(), o);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error(), bhttp::error::header_limit);
    }
  });
}

// Interim responses are skipped: the caller gets the final one, and the next request on the
// pooled connection gets its own answer, not the previous one's.
TEST(client, interim_responses_are_skipped) {
  scripted_peer peer{
      {{"HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nalice"},
       {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nbob"}}};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto one = co_await c.send(peer.target(), get());
    EXPECT_TRUE(one && one->result() == status::ok && one->body() == "alice");
    auto two = co_await c.send(peer.target(), get());
    EXPECT_TRUE(two && two->body() == "bob");
  });
  EXPECT_EQ(c.connections_made(), 1u);
}

// A 101 was never asked for, and endless interim responses are cut off.
TEST(client, switching_protocols_and_endless_interim_responses_fail) {
  scripted_peer upgrade{{{"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n"}}};
  scripted_peer endless{{std::vector<std::string>(20, "HTTP/1.1 100 Continue\r\n\r\n")}};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(upgrade.target(), get());
    EXPECT_EQ(r ? error_code{} : r.error(), make_error_code(errc::bad_message));
    auto e = co_await c.send(endless.target(), get());
    EXPECT_EQ(e ? error_code{} : e.error(), make_error_code(errc::bad_message));
  });
  EXPECT_EQ(c.idle_connections(), 0u);
}

// Bytes after the end of a response were never asked for: the connection is not pooled.
TEST(client, bytes_after_the_response_keep_the_connection_out_of_the_pool) {
  scripted_peer peer{{{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"}}};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(peer.target(), get());
    EXPECT_TRUE(r && r->body() == "ok");
  });
  EXPECT_EQ(c.idle_connections(), 0u);
}

TEST(client, response_timeout_against_a_listener_that_never_answers) {
  asio::io_context ioc;
  asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  client c{ioc.get_executor()};
  request_options opt;
  opt.response_timeout = 200ms;
  auto started = std::chrono::steady_clock::now();
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(url_of(silent.local_endpoint()), get(), opt);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error(), make_error_code(errc::response_timeout));
    }
  });
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

TEST(client, connect_timeout_against_a_full_backlog) {
  asio::io_context ioc;
  asio::ip::tcp::acceptor full(ioc);
  asio::ip::tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), 0};
  full.open(ep.protocol());
  full.bind(ep);
  full.listen(0);
  // Fill the accept queue: further SYNs are dropped, so a connect hangs.
  std::vector<asio::ip::tcp::socket> fillers;
  for (int i = 0; i < 4; ++i) {
    fillers.emplace_back(ioc);
    fillers.back().open(asio::ip::tcp::v4());
    fillers.back().non_blocking(true);
    // ::connect, not asio's connect, which waits for completion even on a non-blocking socket.
    auto target = full.local_endpoint();
    (void)::connect(fillers.back().native_handle(), target.data(), target.size());
  }
  std::this_thread::sleep_for(50ms);
  client c{ioc.get_executor()};
  request_options opt;
  opt.connect_timeout = 200ms;
  opt.response_timeout = 300ms;
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(url_of(full.local_endpoint()), get(), opt);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error(), make_error_code(errc::connect_timeout)) << r.error().message();
    }
  });
}

TEST(client, connection_refused_is_an_error_value) {
  asio::io_context ioc;
  std::uint16_t port = 0;
  {
    asio::ip::tcp::acceptor closed(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    port = closed.local_endpoint().port();
  }
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(parse_url("http://127.0.0.1:" + std::to_string(port)).value(), get());
    EXPECT_EQ(r.error(), asio::error::connection_refused);
  });
}

TEST(client, redirects_are_not_followed) {
  std::atomic<int> requests{0};
  running_server s{one_worker(), [&](exchange& ex) -> task<void> {
                     ++requests;
                     response res{status::found, 11};
                     res.set(field::location, "/elsewhere");
                     co_await ex.respond(std::move(res));
                   }};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(url_of(s.endpoint), get());
    EXPECT_TRUE(r);
    if (r) {
      EXPECT_EQ(r->result(), status::found);
      EXPECT_EQ((*r)[field::location], "/elsewhere");
    }
  });
  EXPECT_EQ(requests.load(), 1);
}

TEST(client, body_limit) {
  running_server s{one_worker(), [](exchange& ex) -> task<void> {
                     response res{status::ok, 11};
                     res.body() = std::string(1000, 'x');
                     co_await ex.respond(std::move(res));
                   }};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  request_options opt;
  opt.max_body_bytes = 999;
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(url_of(s.endpoint), get(), opt);
    EXPECT_EQ(r.error(), make_error_code(errc::body_too_large));
    opt.max_body_bytes = 1000;
    auto ok = co_await c.send(url_of(s.endpoint), get(), opt);
    EXPECT_TRUE(ok);
  });
  EXPECT_EQ(c.connections_made(), 2u) << "the connection with the unread body was not pooled";
}

TEST(client, streaming_reads_pieces_as_they_arrive_and_pools_after_the_end) {
  std::atomic<bool> handler_done{false};
  running_server s{one_worker(), [&](exchange& ex) -> task<void> {
                     co_await ex.begin_stream(stream_header{status::ok, 11});
                     co_await ex.write("data: one\n\n");
                     asio::steady_timer t(ex.executor(), 300ms);
                     co_await t.async_wait(asio::use_awaitable);
                     co_await ex.write("data: two\n\n");
                     co_await ex.finish();
                     handler_done = true;
                   }};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto opened = co_await c.open(url_of(s.endpoint), get());
    EXPECT_TRUE(opened);
    if (!opened) {
      co_return;
    }
    auto& stream = *opened;
    EXPECT_EQ(stream.header().result(), status::ok);
    std::string body;
    auto n = co_await stream.read_some(body);
    EXPECT_TRUE(n && *n > 0);
    EXPECT_EQ(body, "data: one\n\n");
    EXPECT_FALSE(handler_done.load());
    while (!stream.done()) {
      auto m = co_await stream.read_some(body);
      EXPECT_TRUE(m);
      if (!m) {
        break;
      }
    }
    EXPECT_EQ(body, "data: one\n\ndata: two\n\n");
  });
  EXPECT_EQ(c.idle_connections(), 1u);
}

TEST(client, abandoned_stream_closes_its_connection) {
  running_server s{one_worker(), [](exchange& ex) -> task<void> {
                     co_await ex.begin_stream(stream_header{status::ok, 11});
                     co_await ex.write("partial");
                     co_await ex.wait_client_gone();
                   }};
  asio::io_context ioc;
  client c{ioc.get_executor()};
  run(ioc, [&]() -> task<void> {
    auto opened = co_await c.open(url_of(s.endpoint), get());
    EXPECT_TRUE(opened);
  });
  EXPECT_EQ(c.idle_connections(), 0u);
}

TEST(client, https_with_hostname_verification) {
  auto cert = testing::make_self_signed("localhost");
  testing::tls_server tls{cert, 2};
  asio::io_context ioc;
  client_options opt;
  opt.tls.use_system_store = false;
  opt.tls.ca_pem = cert.cert_pem;
  client c{ioc.get_executor(), opt};
  run(ioc, [&]() -> task<void> {
    auto good = co_await c.send(
        parse_url("https://localhost:" + std::to_string(tls.port()) + "/").value(), get());
    EXPECT_TRUE(good) << (good ? "" : good.error().message());
    if (good) {
      EXPECT_EQ(good->body(), "secure");
    }
    // The certificate names "localhost" only: the same server by IP must fail verification.
    auto bad = co_await c.send(
        parse_url("https://127.0.0.1:" + std::to_string(tls.port()) + "/").value(), get());
    EXPECT_FALSE(bad);
  });
}

TEST(client, https_with_an_untrusted_certificate_fails) {
  auto cert = testing::make_self_signed("localhost");
  testing::tls_server tls{cert, 1};
  asio::io_context ioc;
  client_options opt;
  opt.tls.use_system_store = false;
  client c{ioc.get_executor(), opt};
  run(ioc, [&]() -> task<void> {
    auto r = co_await c.send(
        parse_url("https://localhost:" + std::to_string(tls.port()) + "/").value(), get());
    EXPECT_FALSE(r);
  });
}

TEST(fetch, synchronous_helper) {
  running_server s{one_worker(), [](exchange& ex) -> task<void> {
                     response res{status::ok, 11};
                     res.body() = std::string(ex.req().method_string()) + ":" +
                                  std::string(ex.req()[field::content_type]) + ":" +
                                  ex.req().body();
                     co_await ex.respond(std::move(res));
                   }};
  fetch_options opt;
  opt.method = verb::post;
  opt.body = "a=b";
  opt.content_type = "application/x-www-form-urlencoded";
  auto r = fetch("http://127.0.0.1:" + std::to_string(s.endpoint.port()) + "/token", opt);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->body(), "POST:application/x-www-form-urlencoded:a=b");
  EXPECT_EQ(fetch("ftp://x/").error(), make_error_code(errc::unsupported_scheme));
}

}  // namespace
}  // namespace mcpgate::http
