#include "gateway/list_filter.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

#include <set>

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

const std::string tools_list = R"({"jsonrpc":"2.0","id":7,"result":{"tools":[
  {"name":"echo","inputSchema":{"type":"object"}},
  {"name":"list_files","inputSchema":{"type":"object"}},
  {"name":"delete_file","inputSchema":{"type":"object"},"annotations":{"destructiveHint":true}},
  {"inputSchema":{}},
  {"name":42}
],"nextCursor":"abc"}})";

TEST(list_filter, keeps_only_visible_tools) {
  std::set<std::string, std::less<>> allowed{"echo", "list_files"};
  auto r = filter_list(tools_list, mcp::list_kind::tools, [&](std::string_view n) { return allowed.count(n) > 0; });
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(names(r->body, "tools", "name"), (std::vector<std::string>{"echo", "list_files"}));
  EXPECT_EQ(r->kept, 2u);
  EXPECT_EQ(r->removed, 3u);  // delete_file, and the two entries without a string name
  auto v = json::parse(r->body).value();
  EXPECT_EQ(v.at("id").as_int64(), 7);
  EXPECT_EQ(v.at("result").at("nextCursor").as_string(), "abc");
}

TEST(list_filter, other_list_kinds) {
  auto r = filter_list(R"({"jsonrpc":"2.0","id":1,"result":{"resources":[{"uri":"file:///a"},{"uri":"file:///b"}]}})",
                       mcp::list_kind::resources, [](std::string_view u) { return u == "file:///b"; });
  ASSERT_TRUE(r);
  EXPECT_EQ(names(r->body, "resources", "uri"), std::vector<std::string>{"file:///b"});
  r = filter_list(R"({"jsonrpc":"2.0","id":1,"result":{"resourceTemplates":[{"uriTemplate":"t://{x}"}]}})",
                  mcp::list_kind::resource_templates, [](std::string_view) { return false; });
  ASSERT_TRUE(r);
  EXPECT_TRUE(names(r->body, "resourceTemplates", "uriTemplate").empty());
  r = filter_list(R"({"jsonrpc":"2.0","id":1,"result":{"prompts":[{"name":"p"}]}})", mcp::list_kind::prompts,
                  [](std::string_view) { return true; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kept, 1u);
}

TEST(list_filter, error_responses_pass_unchanged) {
  const std::string err = R"({"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"nope"}})";
  auto r = filter_list(err, mcp::list_kind::tools, [](std::string_view) { return false; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, err);
}

TEST(list_filter, fails_closed_on_bad_input) {
  auto none = [](std::string_view) { return true; };
  EXPECT_EQ(filter_list("not json", mcp::list_kind::tools, none).error(), filter_errc::not_json);
  EXPECT_EQ(filter_list(R"({"result":{"tools":[],"tools":[]}})", mcp::list_kind::tools, none).error(), filter_errc::not_json);
  EXPECT_EQ(filter_list(R"({"jsonrpc":"2.0","id":1})", mcp::list_kind::tools, none).error(), filter_errc::not_a_result);
  EXPECT_EQ(filter_list(R"({"jsonrpc":"2.0","id":1,"result":{"tools":{}}})", mcp::list_kind::tools, none).error(),
            filter_errc::bad_shape);
}

}  // namespace
}  // namespace mcpgate::gateway
