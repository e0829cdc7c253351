#include "http/message.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <gtest/gtest.h>

#include <string_view>

namespace mcpgate::http {
namespace {

// The enum scans answer as Beast's own lookups do, on what a parser made (names in any case,
// duplicates apart and together) and on fields set by name.
void expect_like_beast(const boost::beast::http::fields& h) {
  for (const field f : {field::host, field::content_length, field::transfer_encoding,
                        field::connection, field::authorization, field::content_type, field::origin,
                        field::user_agent, field::accept}) {
    const std::string_view name = boost::beast::http::to_string(f);
    EXPECT_EQ(count_of(h, f), h.count(f)) << name;
    const auto beast_value = h[f];
    EXPECT_EQ(value_of(h, f), std::string_view(beast_value.data(), beast_value.size())) << name;
    EXPECT_EQ(first_of(h, f) != nullptr, h.find(f) != h.end()) << name;
  }
}

TEST(message, field_lookups_match_beast_on_parsed_fields) {
  constexpr std::string_view raw =
      "POST / HTTP/1.1\r\nhOST: a\r\ncontent-LENGTH: 0\r\nAuthorization: Bearer x\r\n"
      "CONNECTION: close\r\nX-Other: 1\r\nconnection: x-other\r\nACCEPT: */*\r\n"
      "authorization: second\r\n\r\n";
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw.data(), raw.size()), ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_header_done());
  const auto& h = parser.get().base();
  expect_like_beast(h);
  EXPECT_EQ(count_of(h, field::connection), 2u);
  EXPECT_EQ(value_of(h, field::authorization), "Bearer x");
  EXPECT_EQ(value_of(h, field::user_agent), "");
}

TEST(message, field_lookups_match_beast_on_fields_set_by_name) {
  request r{verb::get, "/", 11};
  r.set("content-type", "text/plain");
  r.insert("HOST", "b");
  r.insert("Host", "c");
  r.set(field::origin, "https://o.example");
  expect_like_beast(r.base());
  EXPECT_EQ(count_of(r, field::host), 2u);
  EXPECT_EQ(value_of(r, field::host), "b");
}

}  // namespace
}  // namespace mcpgate::http
