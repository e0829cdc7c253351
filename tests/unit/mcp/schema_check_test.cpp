#include "mcp/schema_check.hpp"
#include "mcp/model.hpp"
#include "mcp/requests.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace mcpgate::mcp {
namespace {

namespace bj = boost::json;

bj::object schema(std::string_view text) {
  return bj::parse(text).as_object();
}

TEST(SchemaCheck, RequiredAndTypes) {
  auto s = schema(R"({"type":"object","properties":{"message":{"type":"string"}},
                      "required":["message"]})");
  EXPECT_FALSE(check_against_schema(s, bj::parse(R"({"message":"hi"})")));
  auto missing = check_against_schema(s, bj::parse("{}"));
  ASSERT_TRUE(missing);
  EXPECT_EQ(*missing, "/message: required");
  auto wrong = check_against_schema(s, bj::parse(R"({"message":3})"));
  ASSERT_TRUE(wrong);
  EXPECT_NE(wrong->find("/message"), std::string::npos);
}

TEST(SchemaCheck, AdditionalPropertiesEnumItemsAndRefs) {
  auto s = schema(R"({"type":"object","$defs":{"n":{"type":"integer"}},
                      "properties":{"k":{"enum":["a","b"]},"xs":{"type":"array","items":{"$ref":"#/$defs/n"}}},
                      "additionalProperties":false})");
  EXPECT_FALSE(check_against_schema(s, bj::parse(R"({"k":"a","xs":[1,2,3.0]})")));
  EXPECT_TRUE(check_against_schema(s, bj::parse(R"({"k":"c"})")));
  EXPECT_TRUE(check_against_schema(s, bj::parse(R"({"xs":[1,2.5]})")));
  EXPECT_TRUE(check_against_schema(s, bj::parse(R"({"other":1})")));
  EXPECT_TRUE(check_against_schema(s, bj::parse(R"([])")));
}

TEST(SchemaCheck, RecursiveRefIsBounded) {
  auto s = schema(R"({"$defs":{"loop":{"$ref":"#/$defs/loop"}},"$ref":"#/$defs/loop"})");
  auto r = check_against_schema(s, bj::parse("1"));
  ASSERT_TRUE(r);
  EXPECT_NE(r->find("too deeply"), std::string::npos);
}

TEST(Model, ToolJsonCarriesAnnotationsAndSchemaVerbatim) {
  tool t;
  t.name = "delete_file";
  t.description = "Deletes one file";
  t.input_schema =
      schema(R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"})");
  t.annotations.destructive_hint = true;
  auto j = t.to_json();
  EXPECT_EQ(j.at("inputSchema").at("$schema").as_string(),
            "https://json-schema.org/draft/2020-12/schema");
  EXPECT_TRUE(j.at("annotations").at("destructiveHint").as_bool());
  EXPECT_FALSE(j.at("annotations").as_object().contains("readOnlyHint"));
}

TEST(Model, ToolResultAndLevels) {
  auto e = tool_result::error("nope").to_json();
  EXPECT_TRUE(e.at("isError").as_bool());
  EXPECT_EQ(e.at("content").at(0).at("text").as_string(), "nope");
  EXPECT_FALSE(tool_result::text("ok").to_json().contains("isError"));
  EXPECT_EQ(parse_log_level("warning"), log_level::warning);
  EXPECT_FALSE(parse_log_level("warn"));
  EXPECT_LT(log_level::debug, log_level::emergency);
}

TEST(Requests, ParsesInitializeAndProgressToken) {
  auto init = parse_initialize(bj::parse(R"({"protocolVersion":"2025-06-18",
      "capabilities":{"sampling":{},"elicitation":{}},"clientInfo":{"name":"c","version":"1"}})")
                                   .as_object());
  ASSERT_TRUE(init);
  EXPECT_EQ(init->protocol_version, "2025-06-18");
  EXPECT_TRUE(init->capabilities.sampling);
  EXPECT_TRUE(init->capabilities.elicitation);
  EXPECT_FALSE(init->capabilities.roots);
  EXPECT_FALSE(parse_initialize(bj::parse(R"({"capabilities":{}})").as_object()));

  auto tok = progress_token(bj::parse(R"({"_meta":{"progressToken":"p1"}})").as_object());
  EXPECT_EQ(tok.as_string(), "p1");
  EXPECT_TRUE(
      progress_token(bj::parse(R"({"_meta":{"progressToken":1.5}})").as_object()).is_null());
  EXPECT_FALSE(parse_set_level(bj::parse(R"({"level":"loud"})").as_object()));
}

}  // namespace
}  // namespace mcpgate::mcp
