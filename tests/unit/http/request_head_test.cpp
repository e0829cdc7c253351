#include "http/request_head.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcpgate::http {
namespace {

std::optional<std::uint64_t> parse(const std::string& head, request& req,
                                   std::uint64_t max_body = 1024) {
  return parse_simple_request(head, max_body, req);
}

TEST(request_head, reads_the_common_request) {
  const std::string token(640, 'a');
  const std::string head =
      "POST /mcp?x=1 HTTP/1.1\r\nHost: gw:3000\r\nAccept: application/json, "
      "text/event-stream\r\nAuthorization: Bearer " +
      token +
      "\r\nContent-Type: application/json\r\nContent-Length: 102\r\n"
      "X-Custom:\t spaced \t value \t\r\n\r\n";
  request req;
  const auto length = parse(head, req);
  ASSERT_TRUE(length);
  EXPECT_EQ(*length, 102u);
  EXPECT_EQ(req.method(), verb::post);
  EXPECT_EQ(req.target(), "/mcp?x=1");
  EXPECT_EQ(req.version(), 11);
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& f : req) {
    fields.emplace_back(std::string{f.name_string()}, std::string{f.value()});
  }
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Host", "gw:3000"},
      {"Accept", "application/json, text/event-stream"},
      {"Authorization", "Bearer " + token},
      {"Content-Type", "application/json"},
      {"Content-Length", "102"},
      {"X-Custom", "spaced \t value"}};
  EXPECT_EQ(fields, want);
  EXPECT_EQ(count_of(req, field::authorization), 1u);
  EXPECT_TRUE(req.keep_alive());
  EXPECT_TRUE(req.body().empty());
}

TEST(request_head, other_methods_versions_and_no_body) {
  request req;
  auto length = parse("GET / HTTP/1.0\r\n\r\n", req);
  ASSERT_TRUE(length);
  EXPECT_EQ(*length, 0u);
  EXPECT_EQ(req.method(), verb::get);
  EXPECT_EQ(req.version(), 10);
  EXPECT_FALSE(req.keep_alive());

  request frob;
  ASSERT_TRUE(parse("FROB /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", frob));
  EXPECT_EQ(frob.method(), verb::unknown);
  EXPECT_EQ(frob.method_string(), "FROB");
  EXPECT_FALSE(frob.keep_alive());

  // obs-text is allowed in a target and a value, as Beast allows it.
  request text;
  ASSERT_TRUE(parse("GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\nX-Name: caf\xc3\xa9\r\n\r\n", text));
  EXPECT_EQ(text.target(), "/caf\xc3\xa9");
}

// Every request not in the simple form is left to Beast's parser (nullopt): the invalid ones
// and the valid ones whose framing or options need its rules.
TEST(request_head, leaves_every_other_form_to_beast) {
  const std::string ok_line = "POST /mcp HTTP/1.1\r\nHost: h\r\n";
  const std::vector<std::string> others = {
      // framing
      ok_line + "Transfer-Encoding: chunked\r\n\r\n",
      ok_line + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n",
      ok_line + "Content-Length: 5, 5\r\n\r\n",
      ok_line + "Content-Length: +5\r\n\r\n",
      ok_line + "Content-Length: \r\n\r\n",
      ok_line + "Content-Length: 2000\r\n\r\n",  // over the body limit: Beast answers 413
      ok_line + "Content-Length: 12345678901234567890\r\n\r\n",
      ok_line + "Connection: keep-alive, Upgrade\r\n\r\n",
      ok_line + "Connection:\r\n\r\n",
      ok_line + "Proxy-Connection: keep-alive\r\n\r\n",
      // line and byte rules
      ok_line + "X-A: 1\r\n continued\r\n\r\n",
      ok_line + "X-A: 1\n\r\n",
      ok_line + "X-A: 1\rX\r\n\r\n",
      ok_line + "X-A: a\x7f\r\n\r\n",
      ok_line + std::string{"X-A: a\0b\r\n\r\n", 13},
      ok_line + "X-A : 1\r\n\r\n",
      ok_line + ": 1\r\n\r\n",
      ok_line + "X(A): 1\r\n\r\n",
      ok_line + "no colon\r\n\r\n",
      ok_line + "\r\nX-A: after the empty line\r\n\r\n",
      ok_line + "\r\n\r\n",
      ok_line,  // no empty line
      ok_line + "\r\n\r\nGET / HTTP/1.1\r\n\r\n",
      // request line
      "POST /mcp HTTP/1.2\r\n\r\n",
      "POST /mcp HTTP/2.0\r\n\r\n",
      "POST /mcp http/1.1\r\n\r\n",
      "POST  /mcp HTTP/1.1\r\n\r\n",
      "POST /mcp  HTTP/1.1\r\n\r\n",
      "POST /mcp HTTP/1.1 \r\n\r\n",
      "POST /m\tcp HTTP/1.1\r\n\r\n",
      "PO\tST /mcp HTTP/1.1\r\n\r\n",
      "PO(ST /mcp HTTP/1.1\r\n\r\n",
      " /mcp HTTP/1.1\r\n\r\n",
      "POST HTTP/1.1\r\n\r\n",
      "POST /mcp\r\n\r\n",
      "",
  };
  for (const auto& head : others) {
    request req;
    EXPECT_FALSE(parse(head, req)) << head;
  }
}

// 64 lines at most: the request line, 62 fields and the empty line.
TEST(request_head, at_most_62_fields) {
  std::string head = "POST /mcp HTTP/1.1\r\nHost: h\r\n";
  for (int i = 1; i < 62; ++i) {
    head += "X-" + std::to_string(i) + ": v\r\n";
  }
  request most;
  ASSERT_TRUE(parse(head + "\r\n", most));
  EXPECT_EQ(std::distance(most.begin(), most.end()), 62);
  request more;
  EXPECT_FALSE(parse(head + "X-62: v\r\n\r\n", more)) << "left to Beast";
}

}  // namespace
}  // namespace mcpgate::http
