#include "gateway/sse_filter.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

const std::string list_event =
    "id: 7\nevent: message\n"
    "data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":[{\"name\":\"echo\"},{\"name\":\"delete_file\"}]}}\n\n";
const std::string progress_event =
    "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n";

sse_list_rewriter make() {
  return sse_list_rewriter{boost::json::value(3), mcp::list_kind::tools,
                           [](std::string_view n) { return n == "echo"; }};
}

TEST(sse_filter, rewrites_only_the_list_response) {
  auto r = make();
  std::string out;
  ASSERT_FALSE(r.feed(": keepalive\n\n" + progress_event + list_event + "data: after\n\n", out));
  EXPECT_TRUE(r.rewritten());
  EXPECT_EQ(r.removed(), 1u);
  EXPECT_NE(out.find(progress_event), std::string::npos);
  EXPECT_NE(out.find("\"echo\""), std::string::npos);
  EXPECT_EQ(out.find("delete_file"), std::string::npos);
  EXPECT_NE(out.find("id: 7\n"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 13), "data: after\n\n");
}

TEST(sse_filter, byte_by_byte_gives_the_same_result) {
  const std::string stream = progress_event + list_event;
  std::string whole;
  auto a = make();
  ASSERT_FALSE(a.feed(stream, whole));
  auto b = make();
  std::string pieces;
  for (char c : stream) {
    ASSERT_FALSE(b.feed(std::string_view{&c, 1}, pieces));
  }
  EXPECT_EQ(whole, pieces);
}

TEST(sse_filter, passes_complete_events_at_once_and_holds_partial_ones) {
  auto r = make();
  std::string out;
  ASSERT_FALSE(r.feed(progress_event + "data: {\"jsonrpc\":\"2.0\",\"id\":3,", out));
  EXPECT_EQ(out, progress_event);
  EXPECT_FALSE(r.rewritten());
}

TEST(sse_filter, other_ids_pass_through) {
  auto r = make();
  std::string out;
  const std::string other = "data: {\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"tools\":[{\"name\":\"delete_file\"}]}}\n\n";
  ASSERT_FALSE(r.feed(other, out));
  EXPECT_EQ(out, other);
  EXPECT_FALSE(r.rewritten());
}

TEST(sse_filter, unfilterable_list_becomes_an_error) {
  auto r = make();
  std::string out;
  ASSERT_FALSE(r.feed("data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":{}}}\n\n", out));
  EXPECT_TRUE(r.rewritten());
  EXPECT_NE(out.find("-32603"), std::string::npos);
  EXPECT_EQ(out.find("\"tools\""), std::string::npos);
}

}  // namespace
}  // namespace mcpgate::gateway
