#include "gateway/forward.hpp"

#include <gtest/gtest.h>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <string>
#include <vector>

namespace mcpgate::gateway {
namespace {

http::request incoming() {
  http::request r{http::verb::post, "/mcp?x=1", 11};
  r.set(http::field::host, "gw.example.com");
  r.set(http::field::authorization, "Bearer secret");
  r.set(http::field::content_type, "application/json");
  r.set("Mcp-Session-Id", "abc");
  r.set(http::field::connection, "keep-alive, X-Private");
  r.set("X-Private", "drop me");
  r.set("Keep-Alive", "timeout=5");
  r.set("X-Mcpgate-Identity", "forged");
  r.set("X-Forwarded-For", "10.0.0.1");
  r.set(http::field::expect, "100-continue");
  r.body() = R"({"jsonrpc":"2.0"})";
  r.prepare_payload();
  return r;
}

TEST(forward, strips_hop_by_hop_credentials_and_forged_identity) {
  auto in = incoming();
  auto out = make_upstream_request(in, {false, "signed.jwt.here", "127.0.0.1", "https"});
  EXPECT_EQ(out.method(), http::verb::post);
  EXPECT_EQ(out.target(), "/mcp?x=1");
  EXPECT_EQ(out.count(http::field::authorization), 0u);
  EXPECT_EQ(out.count(http::field::connection), 0u);
  EXPECT_EQ(out.count("Keep-Alive"), 0u);
  EXPECT_EQ(out.count("X-Private"), 0u);
  EXPECT_EQ(out.count(http::field::expect), 0u);  // the body is here: no interim 100 upstream
  EXPECT_EQ(out["X-Mcpgate-Identity"], "signed.jwt.here");
  EXPECT_EQ(out.count("X-Mcpgate-Identity"), 1u);
  EXPECT_EQ(out["Mcp-Session-Id"], "abc");
  EXPECT_EQ(out["X-Forwarded-For"], "10.0.0.1, 127.0.0.1");
  EXPECT_EQ(out["X-Forwarded-Proto"], "https");
  EXPECT_EQ(out["X-Forwarded-Host"], "gw.example.com");
  EXPECT_EQ(out.body(), R"({"jsonrpc":"2.0"})");
  EXPECT_EQ(out[http::field::content_length], "17");
}

// Fields as the server's parser delivers them, names in any case: the parser names the fields it
// knows, and the hop-by-hop ones go whatever their spelling.
TEST(forward, parsed_fields_in_any_case) {
  const std::string_view raw =
      "POST /mcp HTTP/1.1\r\nhOST: gw\r\nCONNECTION: x-private\r\nkeep-ALIVE: 1\r\n"
      "Te: trailers\r\nPROXY-Authorization: Basic x\r\nUpGrade: h2c\r\nX-PRIVATE: 1\r\n"
      "x-mcpgate-IDENTITY: forged\r\nx-forwarded-FOR: 10.0.0.1\r\nAuthorization: Bearer t\r\n"
      "EXPECT: 100-continue\r\nContent-LENGTH: 2\r\nX-Kept: yes\r\nAccept-Encoding: gzip, br\r\n"
      "x-forwarded-proto: gopher\r\nX-FORWARDED-HOST: evil.example\r\n\r\n{}";
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_done());
  auto in = parser.release();
  auto out = make_upstream_request(in, {false, "signed", "127.0.0.1", "http"});
  std::vector<std::string> names;
  for (const auto& f : out) {
    names.emplace_back(f.name_string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"X-Kept", "X-Forwarded-For", "Accept-Encoding",
                                             "X-Forwarded-Proto", "X-Forwarded-Host",
                                             "X-Mcpgate-Identity", "Content-Length"}));
  EXPECT_EQ(out["X-Forwarded-For"], "10.0.0.1, 127.0.0.1");
  EXPECT_EQ(out["X-Mcpgate-Identity"], "signed");
  EXPECT_EQ(out["X-Forwarded-Proto"], "http");
  EXPECT_EQ(out["X-Forwarded-Host"], "gw");
  EXPECT_EQ(out.count(http::field::accept_encoding), 1u);
  EXPECT_EQ(out[http::field::accept_encoding], "identity");  // the gateway reads what comes back
}

// Every Connection field counts, wherever it is in the header.
TEST(forward, options_of_every_connection_field_are_dropped) {
  const std::string_view raw =
      "GET /mcp HTTP/1.1\r\nHost: gw\r\nConnection: close\r\nX-One: 1\r\nX-Two: 2\r\n"
      "connection: x-two , x-one\r\nX-Three: 3\r\n\r\n";
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  auto in = parser.release();
  auto out = make_upstream_request(in, {false, "", "", "http"});
  EXPECT_EQ(out.count("X-One"), 0u);
  EXPECT_EQ(out.count("X-Two"), 0u);
  EXPECT_EQ(out["X-Three"], "3");
}

TEST(forward, keeps_token_when_asked_and_drops_forged_identity_without_replacement) {
  auto in = incoming();
  auto out = make_upstream_request(in, {true, "", "", "http"});
  EXPECT_EQ(out[http::field::authorization], "Bearer secret");
  EXPECT_EQ(out.count("X-Mcpgate-Identity"), 0u);
}

// identity.header names another field: the assertion goes there, and a client's field of that
// name or of the default one is dropped.
TEST(forward, identity_under_the_configured_name) {
  auto in = incoming();
  in.set("X-User-Identity", "forged too");
  forward_options fo{false, "signed", "127.0.0.1", "http"};
  fo.identity_field = "X-User-Identity";
  auto out = make_upstream_request(in, fo);
  EXPECT_EQ(out.count("X-User-Identity"), 1u);
  EXPECT_EQ(out["X-User-Identity"], "signed");
  EXPECT_EQ(out.count("X-Mcpgate-Identity"), 0u);
}

TEST(forward, copies_end_to_end_response_fields) {
  http::response up{http::status::ok, 11};
  up.set(http::field::content_type, "text/event-stream");
  up.set("Mcp-Session-Id", "s1");
  up.set(http::field::transfer_encoding, "chunked");
  up.set(http::field::connection, "close");
  http::stream_header out;
  copy_end_to_end_fields(up.base(), out);
  EXPECT_EQ(out[http::field::content_type], "text/event-stream");
  EXPECT_EQ(out["Mcp-Session-Id"], "s1");
  EXPECT_EQ(out.count(http::field::transfer_encoding), 0u);
  EXPECT_EQ(out.count(http::field::connection), 0u);
}

}  // namespace
}  // namespace mcpgate::gateway
