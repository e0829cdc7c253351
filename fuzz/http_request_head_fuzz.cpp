// The request-header fast path (src/http/request_head.hpp) against Beast's parser, the oracle:
// whatever parse_simple_request takes, Beast must read the same way: no error, the same method,
// target and version, the same fields in the same order (enum, name and value), the same
// Content-Length and no chunked framing, and the same body bytes after the header. A request it
// leaves alone is Beast's anyway, so the fast path can be stricter than Beast, never looser or
// different.

#include "http/request_head.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace bhttp = boost::beast::http;

void check(bool ok) {
  if (!ok) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes{reinterpret_cast<const char*>(data), size};
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return 0;
  }
  const std::string_view head = bytes.substr(0, end + 4);
  constexpr std::uint64_t max_body = 4096;
  mcpgate::http::request fast;
  const auto length = mcpgate::http::parse_simple_request(head, max_body, fast);
  if (!length) {
    return 0;
  }
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(head.size()));
  parser.body_limit(max_body);
  boost::system::error_code ec;
  const auto used = parser.put(boost::asio::buffer(head.data(), head.size()), ec);
  check(!ec || ec == bhttp::error::need_more);
  check(used == head.size() && parser.is_header_done() && !parser.chunked());
  check(parser.content_length().value_or(0) == *length);
  check(parser.content_length().has_value() ==
        (fast.find(bhttp::field::content_length) != fast.end()));
  const auto& slow = parser.get();
  check(slow.method() == fast.method() && slow.method_string() == fast.method_string());
  check(slow.target() == fast.target() && slow.version() == fast.version());
  auto a = slow.begin();
  auto b = fast.begin();
  for (; a != slow.end() && b != fast.end(); ++a, ++b) {
    check(a->name() == b->name() && a->name_string() == b->name_string() &&
          a->value() == b->value());
  }
  check(a == slow.end() && b == fast.end());
  check(slow.keep_alive() == fast.keep_alive());
  // The body the connection takes (the next `length` bytes, src/http/connection.cpp) is the one
  // Beast would frame: the same bytes, ending at the same place.
  const std::string_view after = bytes.substr(head.size());
  check(parser.is_done() == (*length == 0));
  if (*length > 0 && after.size() >= *length) {
    parser.eager(true);
    const auto body_used = parser.put(boost::asio::buffer(after.data(), after.size()), ec);
    check(!ec && parser.is_done() && body_used == *length);
    check(parser.get().body() == after.substr(0, *length));
  }
  return 0;
}
