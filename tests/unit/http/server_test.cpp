#include "http/server.hpp"

#include "socket_support.hpp"

#include <gtest/gtest.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace mcpgate::http {
namespace {

using namespace std::chrono_literals;
using testing::raw_client;
using testing::running_server;

server_options small_limits() {
  server_options o;
  o.workers = 1;
  o.limits.max_header_bytes = 1024;
  o.limits.max_body_bytes = 64;
  o.limits.header_timeout = 300ms;
  o.limits.idle_timeout = 400ms;
  o.limits.body_timeout = 300ms;
  o.drain_timeout = 1000ms;
  return o;
}

// Answers "<method> <target> <body>".
task<void> echo(exchange& ex) {
  response res{status::ok, 11};
  res.set(field::content_type, "text/plain");
  res.body() = std::string(ex.req().method_string()) + " " + std::string(ex.req().target()) + " " +
               ex.req().body();
  co_await ex.respond(std::move(res));
}

std::string get(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\n\r\n";
}

TEST(server, keep_alive_serves_several_requests_on_one_connection) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  for (int i = 0; i < 3; ++i) {
    c.send(get("/k" + std::to_string(i)));
    auto res = c.read();
    EXPECT_EQ(res.result(), status::ok);
    EXPECT_EQ(res.body(), "GET /k" + std::to_string(i) + " ");
    EXPECT_TRUE(res.keep_alive());
  }
  EXPECT_EQ(s.srv.accepted_connections(), 1u);
}

TEST(server, pipelined_requests_are_answered_in_order) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send(get("/1") + "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc" + get("/3"));
  EXPECT_EQ(c.read().body(), "GET /1 ");
  EXPECT_EQ(c.read().body(), "POST /2 abc");
  EXPECT_EQ(c.read().body(), "GET /3 ");
}

// The body is parsed in place when it came with the header (chunked here, pipelined behind it a
// second request) and read on when it comes later.
TEST(server, bodies_with_the_header_and_after_it) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send(
      "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n" +
      get("/next"));
  EXPECT_EQ(c.read().body(), "POST /c abcde");
  EXPECT_EQ(c.read().body(), "GET /next ");
  // The coding's name in any case, with list whitespace around it.
  c.send(
      "POST /u HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:  CHUNKED ,\r\n\r\n2\r\nuv\r\n0\r\n\r\n");
  EXPECT_EQ(c.read().body(), "POST /u uv");
  c.send("POST /late HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nab");
  std::this_thread::sleep_for(50ms);
  c.send("cdef");
  EXPECT_EQ(c.read().body(), "POST /late abcdef");
}

TEST(server, connection_close_is_honoured) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto res = c.read();
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(c.closed_by_peer());
}

struct bad_case {
  const char* name;
  std::string bytes;
  status expected;
};

class server_rejects : public ::testing::TestWithParam<bad_case> {};

TEST_P(server_rejects, with_4xx_closes_and_keeps_serving_others) {
  running_server s{small_limits(), echo};
  {
    raw_client c{s.endpoint};
    c.send(GetParam().bytes);
    error_code ec;
    auto res = c.read(ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(res.result(), GetParam().expected);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_TRUE(c.closed_by_peer());
  }
  raw_client other{s.endpoint};
  other.send(get("/after"));
  EXPECT_EQ(other.read().result(), status::ok);
}

INSTANTIATE_TEST_SUITE_P(
    malformed_and_over_limit, server_rejects,
    ::testing::Values(
        bad_case{"oversized_header",
                 "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n",
                 status::request_header_fields_too_large},
        bad_case{"oversized_header_never_ending",
                 "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(2000, 'a'),
                 status::request_header_fields_too_large},
        bad_case{"oversized_request_line", "GET /" + std::string(2000, 'a') + " HTTP/1.1\r\n",
                 status::uri_too_long},
        bad_case{"body_over_limit_content_length",
                 "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n" + std::string(65, 'b'),
                 status::payload_too_large},
        bad_case{"body_over_limit_chunked",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "20\r\n" +
                     std::string(32, 'b') + "\r\n21\r\n" + std::string(33, 'b') + "\r\n0\r\n\r\n",
                 status::payload_too_large},
        bad_case{"content_length_then_transfer_encoding",
                 "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"transfer_encoding_then_content_length",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                 "Content-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"transfer_encoding_not_chunked",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc",
                 status::bad_request},
        bad_case{"gzip_then_chunked",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                 "3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"gzip_then_chunked_in_two_fields",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"chunked_twice",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"
                 "3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"duplicate_differing_content_length",
                 "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"
                 "abcd",
                 status::bad_request},
        bad_case{"bad_chunk_size",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n",
                 status::bad_request},
        bad_case{"obs_fold", "GET / HTTP/1.1\r\nHost: t\r\nX-A: one\r\n two\r\n\r\n",
                 status::bad_request},
        bad_case{"obs_fold_tab", "GET / HTTP/1.1\r\nHost: t\r\nX-A: one\r\n\ttwo\r\n\r\n",
                 status::bad_request},
        bad_case{"garbage_request_line", "HELLO\r\n\r\n", status::bad_request},
        bad_case{"bare_lf_line_ends", "GET / HTTP/1.1\nHost: t\n\r\n\r\n", status::bad_request},
        // Refused at once, not after the header timeout: "\r\n\r\n" never comes.
        bad_case{"bare_lf_only", "GET / HTTP/1.1\nHost: t\n\n", status::bad_request},
        bad_case{"duplicate_equal_content_length",
                 "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"
                 "abc",
                 status::bad_request},
        bad_case{"content_length_list",
                 "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3, 3\r\n\r\nabc",
                 status::bad_request},
        bad_case{"transfer_encoding_in_http_1_0",
                 "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                 status::bad_request},
        bad_case{"http_1_1_without_host", "GET / HTTP/1.1\r\n\r\n", status::bad_request},
        // Beast adds trailer fields to the header's, past the framing and Host checks.
        bad_case{"trailer_fields",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n0\r\nHost: other\r\nX-Trailer: 1\r\n\r\n",
                 status::bad_request},
        // A chunk-size line the parser waits to see whole: bounded by the connection's buffer,
        // not by the body limit (which counts chunk data).
        bad_case{"endless_chunk_extension",
                 "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1;" +
                     std::string(100 * 1024, 'a'),
                 status::bad_request},
        bad_case{"two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status::bad_request}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(server, slow_header_is_closed_after_header_timeout) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  auto start = std::chrono::steady_clock::now();
  c.send("GET / HTTP/1.1\r\nHost:");
  EXPECT_TRUE(c.closed_by_peer());
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2000ms);
}

TEST(server, slow_body_is_closed_after_body_timeout) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nab");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(server, idle_keep_alive_connection_is_closed_after_idle_timeout) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send(get("/"));
  EXPECT_EQ(c.read().result(), status::ok);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_peer());
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 350ms);
  EXPECT_LT(waited, 2000ms);
}

TEST(server, connections_over_the_limit_get_503) {
  auto o = small_limits();
  o.limits.max_connections = 1;
  running_server s{o, echo};
  raw_client first{s.endpoint};
  first.send(get("/"));
  EXPECT_EQ(first.read().result(), status::ok);  // accepted and counted
  raw_client second{s.endpoint};
  auto res = second.read();
  EXPECT_EQ(res.result(), status::service_unavailable);
  EXPECT_FALSE(res.keep_alive());
  first.send(get("/still"));
  EXPECT_EQ(first.read().body(), "GET /still ");
}

TEST(server, streamed_chunks_arrive_before_the_handler_finishes) {
  std::atomic<bool> handler_done{false};
  running_server s{small_limits(), [&](exchange& ex) -> task<void> {
                     stream_header h{status::ok, 11};
                     h.set(field::content_type, "text/event-stream");
                     co_await ex.begin_stream(std::move(h));
                     co_await ex.write("data: first\n\n");
                     boost::asio::steady_timer t(ex.executor(), 250ms);
                     co_await t.async_wait(boost::asio::use_awaitable);
                     co_await ex.write("data: second\n\n");
                     co_await ex.finish();
                     handler_done = true;
                   }};
  raw_client c{s.endpoint};
  c.send(get("/sse"));
  std::string got;
  while (got.find("data: first") == std::string::npos) {
    auto piece = c.read_some();
    ASSERT_FALSE(piece.empty());
    got += piece;
  }
  EXPECT_FALSE(handler_done.load());
  EXPECT_NE(got.find("Transfer-Encoding: chunked"), std::string::npos);
  while (got.find("0\r\n\r\n") == std::string::npos) {
    auto piece = c.read_some();
    ASSERT_FALSE(piece.empty());
    got += piece;
  }
  EXPECT_NE(got.find("data: second"), std::string::npos);
  // The connection stays usable after a finished stream.
  c.send(get("/sse"));
  EXPECT_NE(c.read().body().find("data: second"), std::string::npos);
}

// Responses that have no body (204, 304, any answer to HEAD) end with their header, streamed or
// not: no chunk framing, no Content-Length on a 204, and the next pipelined answer follows.
TEST(server, bodiless_responses_end_with_their_header) {
  running_server s{
      small_limits(), [](exchange& ex) -> task<void> {
        const std::string_view target{ex.req().target().data(), ex.req().target().size()};
        if (target == "/next") {
          response res{status::ok, 11};
          res.body() = "next-body";
          co_await ex.respond(std::move(res));
          co_return;
        }
        const auto code = target == "/answer204" || target == "/stream204" ? status::no_content
                          : target == "/stream304"                         ? status::not_modified
                                                                           : status::ok;
        if (target == "/answer204") {
          response res{code, 11};
          res.body() = "ignored";
          co_await ex.respond(std::move(res));
          co_return;
        }
        co_await ex.begin_stream(stream_header{code, 11});
        co_await ex.write("ignored");
        co_await ex.finish();
      }};
  raw_client c{s.endpoint};
  for (const char* target : {"/answer204", "/stream204", "/stream304"}) {
    c.send(get(target) + get("/next"));
    auto first = c.read();
    EXPECT_EQ(first.result_int(), std::string_view{target}.ends_with("304") ? 304u : 204u);
    EXPECT_EQ(first.count(field::content_length), 0u) << target;
    EXPECT_FALSE(first.chunked()) << target;
    EXPECT_TRUE(first.keep_alive()) << target;
    EXPECT_EQ(c.read().body(), "next-body") << target;
  }
  c.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n" + get("/next"));
  std::string got;
  while (got.find("next-body") == std::string::npos) {
    auto piece = c.read_some();
    ASSERT_FALSE(piece.empty());
    got += piece;
  }
  EXPECT_EQ(got.find("ignored"), std::string::npos);
  EXPECT_EQ(got.find("Transfer-Encoding"), std::string::npos);
  EXPECT_EQ(got.find("0\r\n\r\n"), std::string::npos);
}

// A response larger than the socket's buffers: the part the kernel takes at once is sent without
// waiting, the rest under the write timeout, and a client that reads late gets every byte, in
// order, with the connection still usable.
TEST(server, large_response_to_a_late_reader_arrives_whole) {
  std::string big(8 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) {
    big[i] = static_cast<char>('a' + (i * 7 + i / 4093) % 26);
  }
  running_server s{small_limits(), [&big](exchange& ex) -> task<void> {
                     response res{status::ok, 11};
                     res.body() = ex.req().target() == "/big" ? big : "small";
                     co_await ex.respond(std::move(res));
                   }};
  raw_client c{s.endpoint};
  c.send(get("/big"));
  std::this_thread::sleep_for(300ms);
  auto res = c.read();
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_TRUE(res.body() == big) << "body of " << res.body().size() << " bytes differs";
  c.send(get("/small"));
  EXPECT_EQ(c.read().body(), "small");
}

// A client that stops reading cannot hold a response write forever: the write timeout cuts it,
// the handler learns it from respond(), and the worker goes on serving others.
TEST(server, client_that_stops_reading_is_cut_after_the_write_timeout) {
  auto o = small_limits();
  o.limits.write_timeout = 300ms;
  std::atomic<bool> done{false};
  std::atomic<bool> failed{false};
  running_server s{o, [&](exchange& ex) -> task<void> {
                     response res{status::ok, 11};
                     if (ex.req().target() == "/huge") {
                       res.body().assign(64 << 20, 'x');
                     }
                     const auto ec = co_await ex.respond(std::move(res));
                     if (ex.req().target() == "/huge") {
                       failed = static_cast<bool>(ec);
                       done = true;
                     }
                   }};
  raw_client stuck{s.endpoint};
  stuck.send(get("/huge"));
  for (int i = 0; i < 600 && !done; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(done.load());
  EXPECT_TRUE(failed.load());
  raw_client other{s.endpoint};
  other.send(get("/after"));
  EXPECT_EQ(other.read().result(), status::ok);
}

TEST(server, handler_learns_that_the_client_went_away) {
  std::atomic<bool> noticed{false};
  std::atomic<bool> waiting{false};
  running_server s{small_limits(), [&](exchange& ex) -> task<void> {
                     waiting = true;
                     co_await ex.wait_client_gone();
                     noticed = ex.client_gone();
                   }};
  {
    raw_client c{s.endpoint};
    c.send(get("/wait"));
    while (!waiting) {
      std::this_thread::sleep_for(5ms);
    }
  }
  for (int i = 0; i < 200 && !noticed; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(noticed.load());
}

TEST(server, a_handler_that_does_not_answer_yields_500) {
  running_server s{small_limits(), [](exchange&) -> task<void> { co_return; }};
  raw_client c{s.endpoint};
  c.send(get("/"));
  EXPECT_EQ(c.read().result(), status::internal_server_error);
}

TEST(server, http10_without_keep_alive_is_closed) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send("GET /old HTTP/1.0\r\n\r\n");
  auto res = c.read();
  EXPECT_EQ(res.body(), "GET /old ");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(server, expect_100_continue_gets_an_interim_response) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send("POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_NE(c.read_some().find("100 Continue"), std::string::npos);
  c.send("hi");
  EXPECT_EQ(c.read().body(), "POST /e hi");
}

// The body of a request read on the fast path (http/request_head.hpp) arriving after its header,
// with the next request right behind it in the same piece.
TEST(server, body_after_the_header_and_a_pipelined_request) {
  running_server s{small_limits(), echo};
  raw_client c{s.endpoint};
  c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nab");
  std::this_thread::sleep_for(50ms);
  c.send("cdePOST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nxy");
  EXPECT_EQ(c.read().body(), "POST /a abcde");
  EXPECT_EQ(c.read().body(), "POST /b xy");
}

// A body larger than one read, arriving in pieces: the string grows by what each read brings.
TEST(server, large_body_in_pieces) {
  auto o = small_limits();
  o.limits.max_body_bytes = 1 << 20;
  o.limits.body_timeout = 2000ms;
  running_server s{o, echo};
  raw_client c{s.endpoint};
  std::string body(300 * 1000, 'x');
  for (std::size_t i = 0; i < body.size(); i += 997) {
    body[i] = static_cast<char>('a' + i % 26);
  }
  c.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body.substr(0, 1000));
  std::this_thread::sleep_for(50ms);
  c.send(body.substr(1000, 150 * 1000));
  std::this_thread::sleep_for(50ms);
  c.send(body.substr(151 * 1000));
  EXPECT_EQ(c.read().body(), "POST /big " + body);
}

// This process's resident memory in KiB (Linux), 0 where it cannot be read.
long resident_kib() {
  std::ifstream status{"/proc/self/status"};
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

// A header that claims a large body and then nothing: the server holds what arrived, not the
// length claimed (16 such connections claiming 32 MiB each would hold 512 MiB).
TEST(server, claimed_length_is_not_memory) {
  auto o = small_limits();
  o.limits.max_body_bytes = 32 << 20;
  o.limits.body_timeout = 5000ms;
  running_server s{o, echo};
  const long before = resident_kib();
  std::vector<std::unique_ptr<raw_client>> clients;
  for (int i = 0; i < 16; ++i) {
    clients.push_back(std::make_unique<raw_client>(s.endpoint));
    clients.back()->send("POST /claim HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                         std::to_string(32 << 20) + "\r\n\r\n{");
  }
  std::this_thread::sleep_for(300ms);
  const long after = resident_kib();
  if (before == 0 || after == 0) {
    GTEST_SKIP() << "no /proc/self/status";
  }
  EXPECT_LT(after - before, 256 * 1024) << "KiB held for 16 silent bodies";
}

TEST(server, graceful_drain_finishes_in_flight_and_closes_idle) {
  std::atomic<bool> in_handler{false};
  auto o = small_limits();
  o.workers = 2;
  auto srv = std::make_unique<server>(o);
  auto ep = srv->listen("127.0.0.1", 0,
                        [&](exchange& ex) -> task<void> {
                          if (ex.req().target() == "/slow") {
                            in_handler = true;
                          }
                          boost::asio::steady_timer t(ex.executor(), 200ms);
                          co_await t.async_wait(boost::asio::use_awaitable);
                          co_await echo(ex);
                        })
                .value();
  srv->start();
  raw_client idle{ep};
  idle.send(get("/first"));
  EXPECT_EQ(idle.read().result(), status::ok);  // now an idle keep-alive connection
  auto busy = std::make_unique<raw_client>(ep);
  busy->send(get("/slow"));
  while (!in_handler) {
    std::this_thread::sleep_for(2ms);
  }
  auto stopped_at = std::chrono::steady_clock::now();
  srv->stop();
  EXPECT_TRUE(idle.closed_by_peer());
  auto res = busy->read();
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_EQ(res.body(), "GET /slow ");
  EXPECT_FALSE(res.keep_alive()) << "a draining server closes after the response";
  busy.reset();
  srv->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, 900ms)
      << "drained before the drain deadline";
  error_code ec;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket sock(ioc);
    sock.connect(ep, ec);
  }
  EXPECT_TRUE(ec) << "no longer accepting";
}

TEST(server, several_listeners_with_their_own_handlers) {
  server srv{small_limits()};
  auto a = srv.listen("127.0.0.1", 0, echo).value();
  auto b = srv.listen("127.0.0.1", 0,
                      [](exchange& ex) -> task<void> {
                        response res{status::accepted, 11};
                        res.body() = "admin worker " + std::to_string(ex.worker());
                        co_await ex.respond(std::move(res));
                      })
               .value();
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(srv.endpoints().size(), 2u);
  srv.start();
  raw_client ca{a};
  raw_client cb{b};
  ca.send(get("/main"));
  cb.send(get("/admin"));
  EXPECT_EQ(ca.read().body(), "GET /main ");
  EXPECT_EQ(cb.read().body(), "admin worker 0");
  srv.stop();
  srv.wait();
}

TEST(server, listen_reports_bind_errors) {
  server srv{small_limits()};
  EXPECT_FALSE(srv.listen("not-an-address", 0, echo));
  EXPECT_FALSE(srv.listen("192.0.2.1", 0, echo)) << "an address this host does not have";
}

}  // namespace
}  // namespace mcpgate::http
