#include "http/wire.hpp"

#include <boost/beast/http/write.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace mcpgate::http {
namespace {

// Beast's serializer is the reference: the header writer must produce its bytes exactly.
template <class Message>
std::string beast_bytes(const Message& m) {
  std::ostringstream out;
  out << m;
  return out.str();
}

template <class Message>
std::string wire_bytes(const Message& m) {
  std::string out;
  append_header(out, m);
  out += m.body();
  return out;
}

TEST(wire, request_header_matches_beast) {
  request post{verb::post, "/mcp?x=1", 11};
  post.set(field::host, "127.0.0.1:8080");
  post.set(field::content_type, "application/json");
  post.insert("X-Custom", "  padded value  ");  // Beast trims it when stored
  post.insert("x-custom", "second");
  post.set(field::authorization, "Bearer abc.def.ghi");
  post.body() = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";
  post.prepare_payload();
  EXPECT_EQ(wire_bytes(post), beast_bytes(post));

  request get{verb::get, "/", 10};
  EXPECT_EQ(wire_bytes(get), beast_bytes(get));
  EXPECT_EQ(wire_bytes(get), "GET / HTTP/1.0\r\n\r\n");

  request odd;
  odd.method_string("PROPFIND");  // a method Beast has no verb for
  odd.target("*");
  odd.version(11);
  EXPECT_EQ(wire_bytes(odd), beast_bytes(odd));
}

TEST(wire, response_header_matches_beast) {
  response ok{status::ok, 11};
  ok.set(field::content_type, "text/event-stream");
  ok.set(field::cache_control, "no-store");
  ok.body() = "data: x\n\n";
  ok.prepare_payload();
  EXPECT_EQ(wire_bytes(ok), beast_bytes(ok));

  response reasoned{status::bad_gateway, 10};
  reasoned.reason("Upstream Unhappy");
  reasoned.keep_alive(false);
  EXPECT_EQ(wire_bytes(reasoned), beast_bytes(reasoned));
  EXPECT_TRUE(wire_bytes(reasoned).starts_with("HTTP/1.0 502 Upstream Unhappy\r\n"));

  response unknown;
  unknown.result(599);  // no standard reason
  unknown.version(11);
  EXPECT_EQ(wire_bytes(unknown), beast_bytes(unknown));

  stream_header head{status::ok, 11};
  head.set(field::content_type, "text/event-stream");
  head.chunked(true);
  std::string out = "kept ";
  append_header(out, head);
  EXPECT_EQ(out,
            "kept HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            "Transfer-Encoding: chunked\r\n\r\n");
}

TEST(wire, chunk_sizes_are_lowercase_hex) {
  std::string out;
  append_chunk_size(out, 0);
  append_chunk_size(out, 9);
  append_chunk_size(out, 0xabc);
  append_chunk_size(out, 0x10000);
  EXPECT_EQ(out, "0\r\n9\r\nabc\r\n10000\r\n");
  std::string widest;
  append_chunk_size(widest, ~std::size_t{0});
  EXPECT_EQ(widest, "ffffffffffffffff\r\n");
  EXPECT_EQ(last_chunk, "0\r\n\r\n");
}

}  // namespace
}  // namespace mcpgate::http
