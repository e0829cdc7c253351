#include "gateway/body_coding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mcpgate::gateway {
namespace {

boost::beast::http::fields with(std::initializer_list<std::pair<std::string, std::string>> list) {
  boost::beast::http::fields h;
  for (const auto& [name, value] : list) {
    h.insert(name, value);
  }
  return h;
}

TEST(body_coding, utf8_or_no_charset_is_readable) {
  for (const char* type : {"application/json", "application/json; charset=utf-8",
                           "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"",
                           "Application/JSON ; foo=bar ; Charset = Utf-8", "text/plain", ""}) {
    EXPECT_EQ(unreadable_body(with({{"Content-Type", type}})), "") << type;
  }
  EXPECT_EQ(unreadable_body(with({})), "");
  EXPECT_EQ(unreadable_body(with({{"Content-Encoding", "identity"}})), "");
}

// body-parser decodes any charset that starts with "utf-" (utf-7 among them): a pure ASCII body,
// harmless JSON here, is another message there.
TEST(body_coding, other_charsets_are_refused) {
  for (const char* type :
       {"application/json; charset=utf-7", "application/json; charset=UTF-16",
        "application/json;charset=latin1", "application/json; charset=\"utf-7\"",
        "application/json; CHARSET=utf-7", "application/json; charset=utf-8; charset=utf-7",
        "application/json; charset*=utf-8''utf-7",
        "application/json; charset=", "application/json; charset",
        "application/json; x=\"a;charset=utf-7\"", "application/json; charset=utf8"}) {
    EXPECT_NE(unreadable_body(with({{"Content-Type", type}})), "") << type;
  }
}

TEST(body_coding, content_codings_and_two_content_types_are_refused) {
  EXPECT_NE(unreadable_body(with({{"Content-Encoding", "gzip"}})), "");
  EXPECT_NE(unreadable_body(with({{"Content-Encoding", "identity, deflate"}})), "");
  EXPECT_NE(unreadable_body(with({{"Content-Encoding", "identity"}, {"content-encoding", "br"}})),
            "");
  EXPECT_NE(unreadable_body(with({{"Content-Type", "application/json"},
                                  {"Content-Type", "application/json; charset=utf-7"}})),
            "");
}

}  // namespace
}  // namespace mcpgate::gateway
