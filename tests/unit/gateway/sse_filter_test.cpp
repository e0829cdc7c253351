#include "gateway/sse_filter.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

const std::string list_event =
    "id: 7\nevent: message\n"
    "data: "
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":[{\"name\":\"echo\"},{\"name\":\"delete_"
    "file\"}]}}\n\n";
const std::string progress_event =
    "event: message\ndata: "
    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n";

sse_list_rewriter make() {
  return sse_list_rewriter{boost::json::value(3), mcp::list_kind::tools,
                           [](std::string_view n) { return n == "echo"; }};
}

// The second mode (a GET stream, where a resumed stream's responses are replayed): every response
// that holds a list is filtered as the kind its member names, whatever its id, and the rest passes.
sse_list_rewriter make_every() {
  return sse_list_rewriter{[](mcp::list_kind kind, std::string_view n) {
    return kind == mcp::list_kind::tools ? n == "echo" : n != "secret";
  }};
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

// A result holding the list under another id (1.0 for 1, a big number rounded) is filtered too,
// and does not end the rewriting: the answer itself still is. Other messages pass as they came.
TEST(sse_filter, other_results_with_the_list_are_filtered_too) {
  auto r = make();
  std::string out;
  const std::string other =
      "data: "
      "{\"jsonrpc\":\"2.0\",\"id\":3.0,\"result\":{\"tools\":[{\"name\":\"delete_file\"}]}}\n\n";
  const std::string call = "data: {\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"content\":[]}}\n\n";
  ASSERT_FALSE(r.feed(other + call + list_event, out));
  EXPECT_EQ(out.find("delete_file"), std::string::npos);
  EXPECT_NE(out.find(call), std::string::npos);
  EXPECT_NE(out.find("\"echo\""), std::string::npos);
  EXPECT_EQ(r.removed(), 2u);
  EXPECT_TRUE(r.rewritten());
}

// A message event that is not strict JSON may be the answer, and a lenient client could read a
// list in it: a POST's stream ends there, before it. A GET stream drops it and goes on.
TEST(sse_filter, a_message_that_is_not_strict_json_cuts_the_answer_stream) {
  const std::string dup =
      "data: "
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":[]},\"result\":{\"tools\":[{\"name\":"
      "\"delete_file\"}]}}\n\n";
  auto r = make();
  std::string out;
  EXPECT_TRUE(r.feed(progress_event + dup + list_event, out));
  EXPECT_EQ(out, progress_event);
  EXPECT_TRUE(r.feed(list_event, out));  // cut for good
  EXPECT_EQ(out, progress_event);

  auto g = make_every();
  std::string gout;
  ASSERT_FALSE(g.feed(progress_event + dup + progress_event, gout));
  EXPECT_EQ(gout, progress_event + progress_event);
}

// Comments (a server's keep-alives) go on as they come, before any event completes.
TEST(sse_filter, comments_are_not_held_back) {
  auto r = make();
  std::string out;
  ASSERT_FALSE(r.feed(": keepalive\n\n", out));
  EXPECT_EQ(out, ": keepalive\n\n");
  ASSERT_FALSE(r.feed(": again\n\ndata: {\"jsonrpc\"", out));
  EXPECT_EQ(out, ": keepalive\n\n: again\n\n");
}

TEST(sse_filter, unfilterable_list_becomes_an_error) {
  auto r = make();
  std::string out;
  ASSERT_FALSE(r.feed("data: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":{}}}\n\n", out));
  EXPECT_TRUE(r.rewritten());
  EXPECT_NE(out.find("-32603"), std::string::npos);
  EXPECT_EQ(out.find("\"tools\""), std::string::npos);
}

TEST(sse_filter, every_list_response_of_a_replaying_stream_is_filtered) {
  auto r = make_every();
  const std::string prompts =
      "id: 8\ndata: "
      "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{\"prompts\":[{\"name\":\"secret\"},{\"name\":"
      "\"open\"}]}}\n\n";
  const std::string call_result =
      "data: "
      "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"delete_"
      "file\"}]}}\n\n";
  const std::string other_list =
      "data: "
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"tools\":[{\"name\":\"delete_file\"},{\"name\":"
      "\"echo\"}]}}\n\n";
  std::string out;
  ASSERT_FALSE(r.feed(progress_event + list_event + prompts + call_result + other_list, out));
  EXPECT_TRUE(r.rewritten());
  EXPECT_EQ(r.removed(), 3u);
  EXPECT_NE(out.find(progress_event), std::string::npos);
  EXPECT_NE(out.find(call_result), std::string::npos);  // not a list: as it came
  EXPECT_EQ(out.find("{\"name\":\"delete_file\"}"), std::string::npos);
  EXPECT_EQ(out.find("secret"), std::string::npos);
  EXPECT_NE(out.find("{\"name\":\"open\"}"), std::string::npos);
  EXPECT_NE(out.find("id: 8\n"), std::string::npos);
  EXPECT_NE(out.find("\"id\":4"), std::string::npos);
}

// Events are parsed only when they may be responses; escaped member names still are.
TEST(sse_filter, escaped_list_of_a_replaying_stream_is_filtered) {
  auto r = make_every();
  std::string out;
  ASSERT_FALSE(
      r.feed("data: "
             "{\"jsonrpc\":\"2.0\",\"id\":1,\"res\\u0075lt\":{\"\\u0074ools\":[{\"name\":\"delete_"
             "file\"}]}}\n\n",
             out));
  EXPECT_TRUE(r.rewritten());
  EXPECT_EQ(r.removed(), 1u);
  EXPECT_EQ(out.find("delete_file"), std::string::npos);
}

TEST(sse_filter, unfilterable_list_of_a_replaying_stream_becomes_an_error_with_its_id) {
  auto r = make_every();
  std::string out;
  ASSERT_FALSE(r.feed(
      "data: {\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"tools\":{}}}\n\n" + progress_event,
      out));
  EXPECT_NE(out.find("-32603"), std::string::npos);
  EXPECT_NE(out.find("\"id\":\"x\""), std::string::npos);
  EXPECT_EQ(out.find("\"tools\""), std::string::npos);
  EXPECT_NE(out.find(progress_event), std::string::npos);
}

}  // namespace
}  // namespace mcpgate::gateway
