#include "gateway/list_filter.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace mcpgate::gateway {
namespace {

std::vector<std::string> names(const std::string& body, const char* member, const char* key) {
  std::vector<std::string> out;
  auto v = json::parse(body).value();
  for (const auto& e : v.at("result").at(member).as_array()) {
    out.emplace_back(e.at(key).as_string());
  }
  return out;
}

std::function<bool(std::string_view)> only(std::set<std::string, std::less<>> allowed) {
  return [allowed = std::move(allowed)](std::string_view n) { return allowed.count(n) > 0; };
}

// Filters a tools/list response, expecting success and an output that is strict JSON.
filtered_list filtered(std::string_view message,
                       const std::function<bool(std::string_view)>& visible) {
  auto r = filter_list(message, mcp::list_kind::tools, visible);
  EXPECT_TRUE(r) << message;
  if (!r) {
    return {};
  }
  EXPECT_TRUE(json::parse(r->body)) << r->body;
  return std::move(*r);
}

std::vector<std::string> tool_names(const filtered_list& f) {
  return names(f.body, "tools", "name");
}

const std::string tools_list = R"({"jsonrpc":"2.0","id":7,"result":{"tools":[
  {"name":"echo","inputSchema":{"type":"object"}},
  {"name":"list_files","inputSchema":{"type":"object"}},
  {"name":"delete_file","inputSchema":{"type":"object"},"annotations":{"destructiveHint":true}},
  {"inputSchema":{}},
  {"name":42}
],"nextCursor":"abc"}})";

TEST(list_filter, keeps_only_visible_tools) {
  auto r = filtered(tools_list, only({"echo", "list_files"}));
  EXPECT_EQ(tool_names(r), (std::vector<std::string>{"echo", "list_files"}));
  EXPECT_EQ(r.kept, 2u);
  EXPECT_EQ(r.removed, 3u);  // delete_file, and the two entries without a string name
  // The input with the hidden entries cut out; every other byte as it came.
  EXPECT_EQ(r.body, R"({"jsonrpc":"2.0","id":7,"result":{"tools":[
  {"name":"echo","inputSchema":{"type":"object"}},
  {"name":"list_files","inputSchema":{"type":"object"}}
],"nextCursor":"abc"}})");
}

TEST(list_filter, other_list_kinds) {
  auto r = filter_list(
      R"({"jsonrpc":"2.0","id":1,"result":{"resources":[{"uri":"file:///a"},{"uri":"file:///b"}]}})",
      mcp::list_kind::resources, [](std::string_view u) { return u == "file:///b"; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"jsonrpc":"2.0","id":1,"result":{"resources":[{"uri":"file:///b"}]}})");
  EXPECT_EQ(names(r->body, "resources", "uri"), std::vector<std::string>{"file:///b"});
  r = filter_list(
      R"({"jsonrpc":"2.0","id":1,"result":{"resourceTemplates":[{"uriTemplate":"t://{x}"}]}})",
      mcp::list_kind::resource_templates, [](std::string_view) { return false; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"jsonrpc":"2.0","id":1,"result":{"resourceTemplates":[]}})");
  EXPECT_TRUE(names(r->body, "resourceTemplates", "uriTemplate").empty());
  r = filter_list(R"({"jsonrpc":"2.0","id":1,"result":{"prompts":[{"name":"p"}]}})",
                  mcp::list_kind::prompts, [](std::string_view) { return true; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kept, 1u);
  EXPECT_EQ(names(r->body, "prompts", "name"), std::vector<std::string>{"p"});
  // The key of the kind asked for, not another one.
  r = filter_list(R"({"result":{"resources":[{"name":"a","uri":"u"}]}})", mcp::list_kind::resources,
                  [](std::string_view u) { return u == "a"; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->removed, 1u);
}

TEST(list_filter, error_responses_pass_unchanged) {
  const std::string err = R"({"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"nope"}})";
  auto r = filter_list(err, mcp::list_kind::tools, [](std::string_view) { return false; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, err);
  EXPECT_EQ(r->kept, 0u);
  EXPECT_EQ(r->removed, 0u);
  const std::string escaped = R"( {"jsonrpc":"2.0","id":1,"err\u006fr":{"code":1,"message":"x"}} )";
  r = filter_list(escaped, mcp::list_kind::tools, [](std::string_view) { return false; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, escaped);
}

TEST(list_filter, a_result_beside_an_error_is_filtered) {
  auto r = filtered(R"({"error":{"code":1},"result":{"tools":[{"name":"a"},{"name":"b"}]}})",
                    only({"b"}));
  EXPECT_EQ(r.body, R"({"error":{"code":1},"result":{"tools":[{"name":"b"}]}})");
  EXPECT_EQ(tool_names(r), std::vector<std::string>{"b"});
}

TEST(list_filter, fails_closed_on_bad_input) {
  auto all = [](std::string_view) { return true; };
  auto error_of = [&](std::string_view message, mcp::list_kind kind = mcp::list_kind::tools) {
    auto r = filter_list(message, kind, all);
    EXPECT_FALSE(r) << message;
    return r ? error_code{} : r.error();
  };
  EXPECT_EQ(error_of("not json"), filter_errc::not_json);
  EXPECT_EQ(error_of(""), filter_errc::not_json);
  EXPECT_EQ(error_of(R"({"result":{"tools":[],"tools":[]}})"), filter_errc::not_json);
  EXPECT_EQ(error_of(R"({"result":{"tools":[]}} {})"), filter_errc::not_json);
  EXPECT_EQ(error_of(R"({"result":{"tools":[{"name":"a"},]}})"), filter_errc::not_json);
  EXPECT_EQ(error_of(R"([{"result":{"tools":[]}}])"), filter_errc::not_json);
  EXPECT_EQ(error_of(R"("result")"), filter_errc::not_json);
  // Invalid UTF-8 anywhere, even in an entry that would be removed.
  EXPECT_EQ(error_of("{\"result\":{\"tools\":[{\"name\":\"x\",\"d\":\"\xff\"}]}}"),
            filter_errc::not_json);
  EXPECT_EQ(error_of(R"({"jsonrpc":"2.0","id":1})"), filter_errc::not_a_result);
  EXPECT_EQ(error_of(R"({"result":[]})"), filter_errc::not_a_result);
  EXPECT_EQ(error_of(R"({"result":"tools"})"), filter_errc::not_a_result);
  EXPECT_EQ(error_of(R"({"result":null,"error":{}})"), filter_errc::not_a_result);
  EXPECT_EQ(error_of(R"({"jsonrpc":"2.0","id":1,"result":{"tools":{}}})"), filter_errc::bad_shape);
  EXPECT_EQ(error_of(R"({"result":{"prompts":[]}})"), filter_errc::bad_shape);
  EXPECT_EQ(error_of(R"({"result":{"x":{"tools":[]}}})"), filter_errc::bad_shape);
  EXPECT_EQ(error_of(R"({"result":{"tools":[]}})", mcp::list_kind::none), filter_errc::bad_shape);
}

TEST(list_filter, duplicate_names_in_an_entry_are_rejected) {
  auto all = [](std::string_view) { return true; };
  for (std::string_view entry :
       {R"({"name":"echo","name":"delete_file"})", R"({"name":"echo","n\u0061me":"delete_file"})",
        R"({"name":"echo","x":{"a":1,"a":2}})"}) {
    const std::string message = R"({"result":{"tools":[)" + std::string{entry} + "]}}";
    auto r = filter_list(message, mcp::list_kind::tools, all);
    ASSERT_FALSE(r) << entry;
    EXPECT_EQ(r.error(), filter_errc::not_json);
  }
}

TEST(list_filter, member_names_are_compared_decoded) {
  auto r = filtered(
      R"({"res\u0075lt":{"t\u006fols":[{"na\u006de":"echo"},{"name":"secret"},{"nam":"echo"}]}})",
      only({"echo"}));
  EXPECT_EQ(r.body, R"({"res\u0075lt":{"t\u006fols":[{"na\u006de":"echo"}]}})");
  EXPECT_EQ(tool_names(r), std::vector<std::string>{"echo"});
  EXPECT_EQ(r.removed, 2u);
}

TEST(list_filter, visible_gets_the_decoded_name) {
  std::vector<std::string> seen;
  auto r = filtered(
      R"({"result":{"tools":[{"name":"ec\u0068o"},{"name":"a\"b\\c"},{"name":"\ud83d\ude00"}]}})",
      [&](std::string_view n) {
        seen.emplace_back(n);
        return n == "echo";
      });
  EXPECT_EQ(seen, (std::vector<std::string>{"echo", "a\"b\\c", "\xf0\x9f\x98\x80"}));
  EXPECT_EQ(r.body, R"({"result":{"tools":[{"name":"ec\u0068o"}]}})");
  EXPECT_EQ(tool_names(r), std::vector<std::string>{"echo"});
}

TEST(list_filter, removes_first_last_all_or_none) {
  const std::string list = R"({"result":{"tools":[{"name":"a"},{"name":"b"},{"name":"c"}]}})";
  struct {
    std::set<std::string, std::less<>> shown;
    const char* body;
  } cases[] = {
      {{"a", "b", "c"}, R"({"result":{"tools":[{"name":"a"},{"name":"b"},{"name":"c"}]}})"},
      {{"b", "c"}, R"({"result":{"tools":[{"name":"b"},{"name":"c"}]}})"},
      {{"a", "b"}, R"({"result":{"tools":[{"name":"a"},{"name":"b"}]}})"},
      {{"a", "c"}, R"({"result":{"tools":[{"name":"a"},{"name":"c"}]}})"},
      {{"b"}, R"({"result":{"tools":[{"name":"b"}]}})"},
      {{}, R"({"result":{"tools":[]}})"},
  };
  for (const auto& c : cases) {
    auto r = filtered(list, only(c.shown));
    EXPECT_EQ(r.body, c.body);
    EXPECT_EQ(tool_names(r), std::vector<std::string>(c.shown.begin(), c.shown.end()));
    EXPECT_EQ(r.kept, c.shown.size());
    EXPECT_EQ(r.removed, 3 - c.shown.size());
  }
}

TEST(list_filter, pretty_printed_input_keeps_its_layout) {
  const std::string list =
      "{\n  \"result\": {\n    \"tools\": [\n      {\n        \"name\": \"a\"\n      },\n"
      "      {\n        \"name\": \"b\"\n      },\n      {\n        \"name\": \"c\"\n      }\n"
      "    ]\n  }\n}\n";
  struct {
    std::set<std::string, std::less<>> shown;
    std::string body;
  } cases[] = {
      {{"a", "b", "c"}, list},
      {{"b", "c"},
       "{\n  \"result\": {\n    \"tools\": [\n      {\n        \"name\": \"b\"\n      },\n"
       "      {\n        \"name\": \"c\"\n      }\n    ]\n  }\n}\n"},
      {{"a", "b"},
       "{\n  \"result\": {\n    \"tools\": [\n      {\n        \"name\": \"a\"\n      },\n"
       "      {\n        \"name\": \"b\"\n      }\n    ]\n  }\n}\n"},
      {{"a", "c"},
       "{\n  \"result\": {\n    \"tools\": [\n      {\n        \"name\": \"a\"\n      },\n"
       "      {\n        \"name\": \"c\"\n      }\n    ]\n  }\n}\n"},
      {{}, "{\n  \"result\": {\n    \"tools\": [\n      \n    ]\n  }\n}\n"},
  };
  for (const auto& c : cases) {
    auto r = filtered(list, only(c.shown));
    EXPECT_EQ(r.body, c.body);
    EXPECT_EQ(tool_names(r), std::vector<std::string>(c.shown.begin(), c.shown.end()));
  }
}

TEST(list_filter, empty_lists_and_whitespace_around_the_document) {
  for (std::string message : {R"({"result":{"tools":[]}})", "{\"result\":{\"tools\":[ \n ]}}",
                              " \r\n\t{\"result\":{\"tools\":[]}} \n"}) {
    auto r = filtered(message, only({}));
    EXPECT_EQ(r.body, message);
    EXPECT_EQ(r.kept + r.removed, 0u);
  }
  auto r = filtered(" \n{\"result\":{\"tools\":[{\"name\":\"a\"} , {\"name\":\"b\"}]}}\n\t",
                    only({"b"}));
  EXPECT_EQ(r.body, " \n{\"result\":{\"tools\":[{\"name\":\"b\"}]}}\n\t");
  r = filtered(" \n{\"result\":{\"tools\":[ {\"name\":\"a\"} , {\"name\":\"b\"} ]}}\n\t",
               only({"a"}));
  EXPECT_EQ(r.body, " \n{\"result\":{\"tools\":[ {\"name\":\"a\"} ]}}\n\t");
}

TEST(list_filter, entries_that_are_not_objects_are_removed) {
  auto r = filtered(
      R"({"result":{"tools":["echo",42,null,true,[{"name":"echo"}],{"name":["echo"]},{"name":null},{"name":{"name":"echo"}},{"name":"echo"}]}})",
      only({"echo"}));
  EXPECT_EQ(r.body, R"({"result":{"tools":[{"name":"echo"}]}})");
  EXPECT_EQ(r.kept, 1u);
  EXPECT_EQ(r.removed, 8u);
}

TEST(list_filter, entry_boundaries_hold_against_brackets_and_quotes_in_strings) {
  // Nested "name" members belong to nested objects, not to the entry.
  auto r =
      filtered(R"({"result":{"tools":[)"
               R"({"d":"]}\",{\"name\":\"echo\"}","x":[{"name":"echo"}],"name":"delete_file"},)"
               R"({"x":{"name":"echo"},"y":"[\"\\"},)"
               R"({"name":"echo","d":"}],\"tools\":[{\"name\":\"delete_file\"}]"},)"
               R"({"name":"delete_file","\"name":"echo"}]}})",
               only({"echo"}));
  EXPECT_EQ(r.body, R"({"result":{"tools":[)"
                    R"({"name":"echo","d":"}],\"tools\":[{\"name\":\"delete_file\"}]"}]}})");
  EXPECT_EQ(tool_names(r), std::vector<std::string>{"echo"});
  EXPECT_EQ(r.removed, 3u);
}

// Entries long enough to be read in blocks, with escapes and brackets in their strings at
// shifting offsets, like the descriptions and schemas of real servers.
TEST(list_filter, long_entries_with_escapes) {
  std::string message = R"({"jsonrpc":"2.0","id":1,"result":{"tools":[)";
  std::vector<std::string> expected;
  for (int i = 0; i < 60; ++i) {
    const std::string name = "tool_" + std::to_string(i);
    if (i % 3 != 1) {
      expected.push_back(name);
    }
    message +=
        (i == 0 ? "" : ",\n ") + std::string(R"({"description":")") +
        std::string(static_cast<std::size_t>(i), '.') + R"(Says \"hi\" ]}\\\n, \u005c\" [{",)" +
        R"("name":")" + name +
        R"(","inputSchema":{"type":"object","properties":{"p":{"type":"string","enum":["]","}"]}}}})";
  }
  message += "]}}";
  auto r = filtered(message, [](std::string_view n) {
    return std::stoi(std::string{n.substr(n.find('_') + 1)}) % 3 != 1;
  });
  EXPECT_EQ(tool_names(r), expected);
  EXPECT_EQ(r.kept, expected.size());
  EXPECT_EQ(r.removed, 60 - expected.size());
}

// A worker's list_cache reuses the index of an unchanged result, and must never change an answer:
// each message below, filtered after the cache was filled by `base`, gives exactly what it gives
// without a cache, including the rejections.
TEST(list_filter, a_cached_list_gives_the_same_answers) {
  const std::string result =
      R"({"tools":[{"name":"echo"},{"name":"delete_file"},{"name":"list_files"}]})";
  const std::string base = R"({"jsonrpc":"2.0","id":1,"result":)" + result + "}";
  const std::vector<std::string> messages = {
      base,
      R"({"jsonrpc":"2.0","id":"another id","result":)" + result + "}",  // the usual hit
      R"({"id":7,"result":)" + result + R"(,"jsonrpc":"2.0"})",
      "  \n" + base + "\n",
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + R"(,"result":{"tools":[]}})",  // duplicate
      R"({"jsonrpc":"2.0","id":1,"result":{"tools":[]},"result":)" + result + "}",
      R"({"jsonrpc":"2.0","id":[1,"result":)" + result + "}",   // broken before the result
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + "} x",  // garbage after
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + ",}",
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + ".5}",  // would continue a number
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + "e1}",
      R"({"jsonrpc":"2.0","id":1,"result":)" + result + "E+2}",
      R"({"jsonrpc":"2.0","id":1,"result":)" + result,  // cut off
      R"({"jsonrpc":"2.0","id":1,"result":)" + result.substr(0, result.size() - 2) + "}",
      R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"echo"}]}})",  // another list
      R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}})",
      R"(["result",)" + result + "]",
      R"({"jsonrpc":"2.0","id":"\ud800","result":)" + result + "}",  // lone surrogate
      R"({"jsonrpc":"2.0","id":1,"x":{"result":)" + result + "}}",   // nested, not the result
  };
  const auto visible = only({"echo", "list_files"});
  for (const auto& m : messages) {
    list_cache cache;
    ASSERT_TRUE(filter_list(base, mcp::list_kind::tools, visible, &cache));
    ASSERT_NE(cache.find(mcp::list_kind::tools), nullptr);
    const auto cached = filter_list(m, mcp::list_kind::tools, visible, &cache);
    const auto plain = filter_list(m, mcp::list_kind::tools, visible);
    ASSERT_EQ(static_cast<bool>(cached), static_cast<bool>(plain)) << m;
    if (plain) {
      EXPECT_EQ(cached->body, plain->body) << m;
      EXPECT_EQ(cached->kept, plain->kept) << m;
      EXPECT_EQ(cached->removed, plain->removed) << m;
    } else {
      EXPECT_EQ(cached.error(), plain.error()) << m;
    }
  }
  // The hit filters per caller: the index is shared, the decision is not.
  list_cache cache;
  ASSERT_TRUE(filter_list(base, mcp::list_kind::tools, visible, &cache));
  const auto other = filter_list(messages[1], mcp::list_kind::tools, only({"delete_file"}), &cache);
  ASSERT_TRUE(other);
  EXPECT_EQ(tool_names(*other), std::vector<std::string>{"delete_file"});
  EXPECT_NE(other->body.find(R"("id":"another id")"), std::string::npos);
  // Another kind has its own slot.
  EXPECT_EQ(cache.find(mcp::list_kind::prompts), nullptr);
}

TEST(list_filter, a_list_result_over_the_cache_bound_is_not_kept) {
  std::string big = R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"echo","description":")";
  big.append(list_cache::max_result_bytes, 'x');
  big += R"("}]}})";
  list_cache cache;
  const auto r = filter_list(big, mcp::list_kind::tools, only({"echo"}), &cache);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kept, 1u);
  EXPECT_EQ(cache.find(mcp::list_kind::tools), nullptr);
}

}  // namespace
}  // namespace mcpgate::gateway
