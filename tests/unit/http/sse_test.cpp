#include "http/sse.hpp"

#include "http/error.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace std::string_literals;
#include <vector>

namespace mcpgate::http {
namespace {

std::vector<sse_event> parse_in_pieces(std::string_view stream, std::vector<std::size_t> cuts,
                                       sse_limits limits = {}) {
  sse_reader reader{limits};
  std::vector<sse_event> out;
  std::size_t at = 0;
  cuts.push_back(stream.size());
  for (std::size_t cut : cuts) {
    EXPECT_FALSE(reader.feed(stream.substr(at, cut - at),
                             [&out](sse_event&& e) { out.push_back(std::move(e)); }));
    at = cut;
  }
  return out;
}

// Designated initializers that skip members trip -Wmissing-field-initializers under g++ 12.
sse_message msg(std::string_view event, std::string_view id, std::string_view data,
                std::optional<std::uint64_t> retry = {}, bool always_data = true) {
  sse_message m;
  m.event = event;
  m.id = id;
  m.data = data;
  m.retry = retry;
  m.always_data = always_data;
  return m;
}

std::vector<sse_event> parse_whole(std::string_view stream) {
  return parse_in_pieces(stream, {});
}

TEST(sse_reader, fields_and_multiline_data) {
  auto events = parse_whole("event: update\nid: 7\ndata: one\ndata:two\nretry: 1500\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "update");
  EXPECT_EQ(events[0].id, "7");
  EXPECT_EQ(events[0].data, "one\ntwo");
  EXPECT_EQ(events[0].retry, 1500u);
}

TEST(sse_reader, comments_unknown_fields_and_empty_blocks_dispatch_nothing) {
  auto events = parse_whole(": keep-alive\n\nfoo: bar\n\nevent: x\n\ndata: y\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "y");
  EXPECT_EQ(events[0].event, "") << "the event type is reset by a block that dispatched nothing";
}

TEST(sse_reader, value_space_rules) {
  auto events = parse_whole("data\n\ndata:  two spaces\n\ndata:\n\n");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].data, "");
  EXPECT_EQ(events[1].data, " two spaces");
  EXPECT_EQ(events[2].data, "");
}

TEST(sse_reader, id_persists_and_nul_id_is_ignored) {
  auto events = parse_whole("id: a\ndata: 1\n\ndata: 2\n\nid: b\0c\ndata: 3\n\n"s);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, "a");
  EXPECT_EQ(events[1].id, "a");
  EXPECT_EQ(events[2].id, "a");
}

TEST(sse_reader, invalid_retry_is_ignored) {
  sse_reader reader;
  ASSERT_FALSE(reader.feed("retry: 12a\ndata: x\n\n"));
  auto e = reader.next();
  ASSERT_TRUE(e.has_value());
  EXPECT_FALSE(e->retry.has_value());
  EXPECT_FALSE(reader.retry().has_value());
  EXPECT_FALSE(reader.next().has_value());
}

TEST(sse_reader, unterminated_last_event_is_not_dispatched) {
  EXPECT_TRUE(parse_whole("data: x\n").empty());
  EXPECT_TRUE(parse_whole("data: x").empty());
}

// The same events whatever the line ends and wherever the stream is cut, with raw extents that
// tile the input.
TEST(sse_reader, every_line_end_and_every_split_position) {
  for (std::string eol : {"\n", "\r\n", "\r"}) {
    std::string stream = "\xEF\xBB\xBF: hi" + eol + "event: a" + eol + "data: 1" + eol + eol +
                         "data: 2" + eol + "data: 3" + eol + eol + ":c" + eol + eol + "id: z" +
                         eol + "data:" + eol + eol;
    for (std::size_t i = 0; i <= stream.size(); ++i) {
      for (std::size_t j = i; j <= stream.size(); j += 3) {
        auto events = parse_in_pieces(stream, {i, j});
        ASSERT_EQ(events.size(), 3u) << "eol " << eol.size() << " cuts " << i << "," << j;
        EXPECT_EQ(events[0].event, "a");
        EXPECT_EQ(events[0].data, "1");
        EXPECT_EQ(events[1].data, "2\n3");
        EXPECT_EQ(events[2].data, "");
        EXPECT_EQ(events[2].id, "z");
        EXPECT_EQ(events[0].raw_begin, 0u);
        EXPECT_EQ(events[1].raw_begin, events[0].raw_end);
        // A CR-terminated stream cut right after a CR cannot know whether LF follows yet.
        if (eol != "\r\n") {
          EXPECT_EQ(events[2].raw_end, stream.size());
        }
        std::string_view raw = std::string_view(stream).substr(
            events[1].raw_begin, events[1].raw_end - events[1].raw_begin);
        // Only when a feed ended between the CR and LF of a CRLF terminator does the LF open
        // the next extent (the reader does not hold an event back waiting for one byte).
        if (eol == "\r\n" && raw.front() == '\n') {
          raw.remove_prefix(1);
        }
        EXPECT_EQ(raw.substr(0, 7), "data: 2");
      }
    }
  }
}

TEST(sse_reader, raw_extent_includes_crlf_terminator_when_present) {
  std::string stream = "data: a\r\n\r\ndata: b\r\n\r\n";
  auto events = parse_whole(stream);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].raw_end, 11u);
  EXPECT_EQ(events[1].raw_begin, 11u);
  EXPECT_EQ(events[1].raw_end, stream.size());
}

TEST(sse_reader, partial_bom_is_content) {
  auto events = parse_whole(
      "\xEF\xBB"
      "data: x\n\ndata: y\n\n");
  ASSERT_EQ(events.size(), 1u) << "the mangled first line is an unknown field";
  EXPECT_EQ(events[0].data, "y");
}

TEST(sse_reader, event_size_limit) {
  sse_reader reader{sse_limits{16}};
  EXPECT_FALSE(reader.feed("data: 12345\n\n"));
  ASSERT_TRUE(reader.next().has_value());
  auto ec = reader.feed("data: 12345678901");  // 17 bytes
  EXPECT_EQ(ec, make_error_code(errc::sse_event_too_large));
  EXPECT_EQ(reader.feed("\n\n"), make_error_code(errc::sse_event_too_large)) << "stays failed";
  // The limit counts the whole block, across feeds and lines.
  sse_reader split{sse_limits{16}};
  EXPECT_FALSE(split.feed("data: 12345\n"));
  EXPECT_EQ(split.feed("data: 12345\n"), make_error_code(errc::sse_event_too_large));
}

TEST(sse_writer, formats_fields_and_splits_data_lines) {
  std::string out;
  ASSERT_FALSE(append_event(out, msg("message", "42", "a\r\nb\rc\nd", 3000)));
  EXPECT_EQ(out, "event: message\nid: 42\nretry: 3000\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(format_event(msg("", "", "")), "data:\n\n");
  EXPECT_EQ(format_event(msg("", "1", "", {}, false)), "id: 1\n\n");
}

TEST(sse_writer, rejects_line_breaks_in_event_and_id) {
  std::string out = "keep";
  EXPECT_EQ(append_event(out, msg("a\nb", "", "x")), make_error_code(errc::sse_invalid_field));
  EXPECT_EQ(append_event(out, msg("", "a\rb", "x")), make_error_code(errc::sse_invalid_field));
  EXPECT_EQ(out, "keep");
  EXPECT_EQ(format_event(msg("a\nb", "", "")), "");
}

TEST(sse_writer, comments) {
  std::string out;
  append_comment(out, "ping\nagain");
  append_comment(out, "");
  EXPECT_EQ(out, ": ping\n: again\n:\n");
  EXPECT_TRUE(parse_whole(out + "\n").empty());
}

TEST(sse_roundtrip, writer_output_reads_back) {
  std::string out;
  ASSERT_FALSE(append_event(out, msg("e", "i", " lead\n\ntrail ", 5)));
  auto events = parse_whole(out);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "e");
  EXPECT_EQ(events[0].id, "i");
  EXPECT_EQ(events[0].data, " lead\n\ntrail ");
  EXPECT_EQ(events[0].retry, 5u);
  EXPECT_EQ(events[0].raw_end, out.size());
}

}  // namespace
}  // namespace mcpgate::http
