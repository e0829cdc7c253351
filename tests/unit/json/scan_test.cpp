#include "json/scan.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcpgate::json {
namespace {

std::string_view value_at(std::string_view text, std::size_t pos) {
  const std::size_t end = value_end(text, pos);
  EXPECT_NE(end, npos) << text.substr(pos);
  return end == npos ? std::string_view{} : text.substr(pos, end - pos);
}

std::vector<std::string_view> elements(std::string_view text, std::size_t pos = 0) {
  std::vector<std::string_view> out;
  array_reader reader{text, pos};
  while (auto e = reader.next()) {
    out.push_back(text.substr(e->begin, e->end - e->begin));
  }
  EXPECT_FALSE(reader.failed()) << text;
  return out;
}

std::string_view member_value(std::string_view text, std::string_view name) {
  const auto at = find_member(text, 0, name);
  EXPECT_TRUE(at) << text;
  return at && *at != npos ? value_at(text, *at) : std::string_view{};
}

TEST(json_scan, skips_json_whitespace_only) {
  EXPECT_EQ(skip_whitespace(" \t\r\n x", 0), 5u);
  EXPECT_EQ(skip_whitespace("x", 0), 0u);
  EXPECT_EQ(skip_whitespace("\v", 0), 0u);  // not JSON whitespace
  EXPECT_EQ(skip_whitespace("   ", 1), 3u);
  EXPECT_EQ(skip_whitespace("ab", 7), 2u);
}

TEST(json_scan, value_end_of_each_kind) {
  EXPECT_EQ(value_at(R"(-1.5e+3,)", 0), "-1.5e+3");
  EXPECT_EQ(value_at("true]", 0), "true");
  EXPECT_EQ(value_at("null}", 0), "null");
  EXPECT_EQ(value_at("0", 0), "0");
  EXPECT_EQ(value_at(R"({"a":[1,{"b":2}],"c":{}} ,)", 0), R"({"a":[1,{"b":2}],"c":{}})");
  EXPECT_EQ(value_at("[ [ ] , [ [ ] ] ] x", 0), "[ [ ] , [ [ ] ] ]");
  EXPECT_EQ(value_at(R"([1,"x"])", 3), R"("x")");
}

TEST(json_scan, value_end_sees_through_tricky_strings) {
  EXPECT_EQ(value_at(R"("a\"b",1)", 0), R"("a\"b")");
  EXPECT_EQ(value_at(R"("a\\",1)", 0), R"("a\\")");
  EXPECT_EQ(value_at(R"("a\\\"b",1)", 0), R"("a\\\"b")");
  EXPECT_EQ(value_at(R"("\\\\","x")", 0), R"("\\\\")");
  EXPECT_EQ(value_at(R"("",1)", 0), R"("")");
  // \u005c is a backslash once decoded, but escapes nothing in the text.
  EXPECT_EQ(value_at(R"("\u005c","x")", 0), R"("\u005c")");
  const std::string brackets = R"({"a":"}]","b":["[{\"",{"c":"\\"}],"d":"\"}"} tail)";
  EXPECT_EQ(value_at(brackets, 0), brackets.substr(0, brackets.size() - 5));
}

// Long values read in blocks: strings, escapes and brackets at every offset from a block start,
// strings running over block ends, and a string still open where the last block ends.
TEST(json_scan, boundaries_hold_at_every_alignment) {
  const std::vector<std::string> values = {
      R"({"d":"]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}","n":1})",
      R"("\\\\\\\\\\\\\\\\\\\\\\")",
      R"({"q":"\"{\"[\"}\"]\"\"\"\"\"\"\"\"\"\"\"\"\""})",
      "[[[[[[[[[[[[[[[[[[[[{}]]]]]]]]]]]]]]]]]]]]",
      R"({"s":"................................................","t":{"u":["}","]","{","["]}})",
      "-12345678901234567890.5e-7",
      R"(["\u005c\u0022 \\\" ] } ", "\\", "\"", {"\\\"":"\\"}])",
      R"("{{{{{{{{{{{{{{{{[[[[[[[[[[[[[[[[[[[[")",
  };
  for (std::size_t pad = 0; pad < 40; ++pad) {
    std::string doc = "[" + std::string(pad, ' ');
    for (const auto& v : values) {
      doc += v + (&v == &values.back() ? std::string(pad % 3, '\n') : ",\t");
    }
    doc += "]";
    ASSERT_TRUE(validate(doc)) << doc;
    EXPECT_EQ(value_end(doc, 0), doc.size()) << doc;
    const auto found = elements(doc);
    ASSERT_EQ(found.size(), values.size()) << doc;
    for (std::size_t i = 0; i < values.size(); ++i) {
      EXPECT_EQ(found[i], values[i]) << doc;
    }
  }
}

TEST(json_scan, value_end_fails_inside_the_text) {
  EXPECT_EQ(value_end(R"({"a":"]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]})", 0), npos);
  // 33 backslashes: the last one escapes the quote, so the string never closes.
  EXPECT_EQ(value_end(R"([{"a":"\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\"}])", 0), npos);
  EXPECT_EQ(value_end(R"("abc)", 0), npos);
  EXPECT_EQ(value_end(R"("abc\")", 0), npos);
  EXPECT_EQ(value_end(R"({"a":[1})", 0), npos);
  EXPECT_EQ(value_end("[[]", 0), npos);
  EXPECT_EQ(value_end(" 1", 0), npos);  // whitespace is not a value
  EXPECT_EQ(value_end(",", 0), npos);
  EXPECT_EQ(value_end("", 0), npos);
  EXPECT_EQ(value_end("1", 1), npos);
  EXPECT_EQ(value_end("1", npos), npos);
}

TEST(json_scan, decode_string_without_escapes_is_a_view_of_the_token) {
  std::string buffer;
  const std::string_view token = R"("echo")";
  const auto s = decode_string(token, buffer);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "echo");
  EXPECT_EQ(s->data(), token.data() + 1);
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(decode_string(R"("")", buffer), "");
}

TEST(json_scan, decode_string_decodes_escapes) {
  std::string buffer;
  EXPECT_EQ(decode_string(R"("a\"b")", buffer), "a\"b");
  EXPECT_EQ(decode_string(R"("a\\")", buffer), "a\\");
  EXPECT_EQ(decode_string(R"("\/\b\f\n\r\t")", buffer), "/\b\f\n\r\t");
  EXPECT_EQ(decode_string(R"("na\u006de")", buffer), "name");
  EXPECT_EQ(decode_string(R"("\u00e9\u20AC")", buffer), "\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(decode_string(R"("\ud83d\ude00!")", buffer), "\xf0\x9f\x98\x80!");
  EXPECT_EQ(decode_string(R"("a\u0000b")", buffer), (std::string_view{"a\0b", 3}));
}

TEST(json_scan, decode_string_rejects_what_is_not_one_string) {
  std::string buffer;
  EXPECT_FALSE(decode_string("", buffer));
  EXPECT_FALSE(decode_string(R"(")", buffer));
  EXPECT_FALSE(decode_string("echo", buffer));
  EXPECT_FALSE(decode_string("42", buffer));
  EXPECT_FALSE(decode_string(R"("a"b")", buffer));
  EXPECT_FALSE(decode_string(R"("a","b")", buffer));
  EXPECT_FALSE(decode_string(R"("a\")", buffer));
  EXPECT_FALSE(decode_string(R"("\ud800")", buffer));  // a lone surrogate
  EXPECT_FALSE(decode_string(R"("\x")", buffer));
}

TEST(json_scan, find_member_compares_decoded_names) {
  const std::string_view doc =
      R"( {"a" : 1, "b":{"c":2}, "na\u006de":"x", "q\"":"}", "q":[{"a":"{"}], "":"e"} )";
  const std::size_t top = skip_whitespace(doc, 0);
  EXPECT_EQ(value_at(doc, find_member(doc, top, "a").value()), "1");
  EXPECT_EQ(value_at(doc, find_member(doc, top, "b").value()), R"({"c":2})");
  EXPECT_EQ(value_at(doc, find_member(doc, top, "name").value()), R"("x")");
  EXPECT_EQ(value_at(doc, find_member(doc, top, "q\"").value()), R"("}")");
  EXPECT_EQ(value_at(doc, find_member(doc, top, "q").value()), R"([{"a":"{"}])");
  EXPECT_EQ(value_at(doc, find_member(doc, top, "").value()), R"("e")");
  EXPECT_EQ(find_member(doc, top, "c"), npos);  // only members of this object count
  EXPECT_EQ(find_member(doc, top, "na\\u006de"), npos);
  EXPECT_EQ(find_member(doc, top, "nam"), npos);
}

TEST(json_scan, find_member_in_pretty_and_empty_objects) {
  EXPECT_EQ(member_value("{\n  \"id\": 7,\n  \"result\": {\n    \"x\": []\n  }\n}", "result"),
            "{\n    \"x\": []\n  }");
  EXPECT_EQ(find_member("{}", 0, "a"), npos);
  EXPECT_EQ(find_member("{ \n }", 0, "a"), npos);
}

TEST(json_scan, find_member_fails_where_there_is_no_object) {
  EXPECT_FALSE(find_member("[1]", 0, "a"));
  EXPECT_FALSE(find_member(" {}", 0, "a"));
  EXPECT_FALSE(find_member("{}", 2, "a"));
  EXPECT_FALSE(find_member(R"({"a" 1})", 0, "b"));
  EXPECT_FALSE(find_member(R"({"a":1 "b":2})", 0, "b"));
  EXPECT_FALSE(find_member(R"({"a":1)", 0, "b"));
  EXPECT_FALSE(find_member(R"({"a":)", 0, "a"));
  EXPECT_FALSE(find_member(R"({a:1})", 0, "a"));
  EXPECT_FALSE(find_member(R"({"a":1,})", 0, "b"));
}

TEST(json_scan, array_reader_gives_each_element) {
  EXPECT_EQ(elements(R"([ 1 , "a]" , {"b":["]",2]} , [] ,"\"," ])"),
            (std::vector<std::string_view>{"1", R"("a]")", R"({"b":["]",2]})", "[]", R"("\",")"}));
  EXPECT_EQ(elements("[\n  {\"a\":1},\n  {\"a\":2}\n]"),
            (std::vector<std::string_view>{"{\"a\":1}", "{\"a\":2}"}));
  EXPECT_TRUE(elements("[]").empty());
  EXPECT_TRUE(elements("[ \n ]").empty());
  EXPECT_EQ(elements(R"({"l":[true]})", 5), std::vector<std::string_view>{"true"});
}

TEST(json_scan, array_reader_fails_on_what_is_not_an_array) {
  for (std::string_view text :
       {"", "{}", " []", "[", "[1", "[1,", "[1,]", "[1 2]", "[,1]", "[1,,2]", "[\"a]"}) {
    array_reader reader{text, 0};
    while (reader.next()) {
    }
    EXPECT_TRUE(reader.failed()) << text;
  }
  array_reader past_the_end{"[]", 5};
  EXPECT_FALSE(past_the_end.next());
  EXPECT_TRUE(past_the_end.failed());
}

// Misuse (any offset, any truncation of a document) is answered from inside the text: run under
// the sanitizers, this catches a read past the end.
TEST(json_scan, never_reads_outside_the_text) {
  const std::string doc =
      R"({"result":{"tools":[{"name":"a\"b\\","x":[1,{"y":"]}"}]},{"n\u0061me":"\ud83d\ude00"},3]}})";
  std::string buffer;
  for (std::size_t size = 0; size <= doc.size(); ++size) {
    const std::string cut = doc.substr(0, size);  // its own allocation, so ASan sees its end
    const std::string_view text = cut;
    for (std::size_t pos = 0; pos <= text.size() + 1; ++pos) {
      const std::size_t end = value_end(text, pos);
      EXPECT_TRUE(end == npos || (end > pos && end <= text.size()));
      const auto at = find_member(text, pos, "name");
      EXPECT_TRUE(!at || *at == npos || *at < text.size());
      array_reader reader{text, pos};
      while (auto e = reader.next()) {
        EXPECT_LE(e->end, text.size());
      }
      (void)decode_string(text.substr(std::min(pos, text.size())), buffer);
    }
  }
}

}  // namespace
}  // namespace mcpgate::json
