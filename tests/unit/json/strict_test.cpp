#include "json/strict.hpp"

#include <gtest/gtest.h>
#include <boost/json/error.hpp>

#include <string>
#include <vector>

namespace mcpgate::json {
namespace {

namespace bj = boost::json;

parse_error failure(std::string_view text, const limits& lim = {}) {
  auto r = parse(text, lim);
  EXPECT_FALSE(r) << text;
  return r ? parse_error{} : r.error();
}

TEST(strict_json, parses_ordinary_documents) {
  auto v =
      parse(R"( {"a":[1,-2,3.5,true,null,"x"],"b":{"c":"d"},"u":18446744073709551615} )").value();
  const auto& o = v.as_object();
  EXPECT_EQ(o.at("a").as_array().size(), 6u);
  EXPECT_EQ(o.at("a").as_array()[1].as_int64(), -2);
  EXPECT_EQ(o.at("b").as_object().at("c").as_string(), "d");
  EXPECT_EQ(o.at("u").as_uint64(), 18446744073709551615ull);
}

TEST(strict_json, parses_scalars_at_top_level) {
  EXPECT_EQ(parse("42").value().as_int64(), 42);
  EXPECT_EQ(parse("\"s\"").value().as_string(), "s");
}

// A number a double cannot hold would become infinity, whose serialization is not JSON: refused by
// parse() and validate() alike, while the largest finite doubles and tiny ones (which round to
// zero) pass.
TEST(strict_json, rejects_numbers_beyond_a_double) {
  for (const char* text :
       {"1e400", "-1e400", "55e558", R"({"_meta":{"progressToken":55e558}})", "[1, 2e308]",
        "179769313486231570814527423731704356798070567525844996598"
        "917476803157260780028538760589558632766878171540458953514"
        "382464234321326889464182768467546703537516986049910576551"
        "282076245490090389328944075868508455133942304583236903222"
        "948165808559332123348274797826204144723168738177180919299"
        "881250404026184124858368.5e1"}) {
    EXPECT_EQ(failure(text).code, errc::number_out_of_range) << text;
    EXPECT_FALSE(validate(text)) << text;
  }
  EXPECT_EQ(parse("1.7976931348623157e308").value().as_double(), 1.7976931348623157e308);
  EXPECT_EQ(parse("1e-400").value().as_double(), 0.0);
  EXPECT_EQ(failure("1e400").message(), "number out of range at offset 5");
}

TEST(strict_json, rejects_duplicate_members_at_top_level) {
  auto e = failure(R"({"name":"echo","name":"delete_file"})");
  EXPECT_EQ(e.code, errc::duplicate_member);
  EXPECT_EQ(e.detail, "name");
  EXPECT_EQ(e.offset, 20u);  // the end of the second "name"
  EXPECT_EQ(e.message(), "duplicate member name \"name\" at offset 20");
}

TEST(strict_json, rejects_duplicate_members_at_any_depth) {
  EXPECT_EQ(failure(R"({"params":{"name":"a","x":1,"name":"b"}})").code, errc::duplicate_member);
  EXPECT_EQ(failure(R"([{"a":1},{"b":{"c":[{"d":1,"d":2}]}}])").code, errc::duplicate_member);
}

TEST(strict_json, same_name_in_sibling_or_nested_objects_is_fine) {
  EXPECT_TRUE(parse(R"({"a":{"a":{"a":1}},"b":{"a":2}})"));
  EXPECT_TRUE(parse(R"([{"a":1},{"a":2}])"));
}

TEST(strict_json, duplicates_spelled_with_escapes_are_duplicates) {
  // "n\u0061me" is "name": both spellings must not coexist.
  EXPECT_EQ(failure(R"({"name":"a","n\u0061me":"b"})").code, errc::duplicate_member);
}

TEST(strict_json, rejects_duplicates_in_large_objects) {
  std::string doc = "{";
  for (int i = 0; i < 1000; ++i) {
    doc += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  std::string ok = doc;
  ok.back() = '}';
  EXPECT_EQ(parse(ok).value().as_object().size(), 1000u);
  doc += "\"k500\":0}";
  auto e = failure(doc);
  EXPECT_EQ(e.code, errc::duplicate_member);
  EXPECT_EQ(e.detail, "k500");
}

TEST(strict_json, enforces_depth_limit) {
  limits lim;
  lim.max_depth = 4;
  EXPECT_TRUE(parse("[[[[1]]]]", lim));
  auto e = failure("[[[[[1]]]]]", lim);
  EXPECT_EQ(e.code, errc::too_deep);
  // Deep hostile input is an error, not a stack overflow.
  EXPECT_EQ(failure(std::string(100000, '[')).code, errc::too_deep);
}

TEST(strict_json, enforces_size_limit) {
  limits lim;
  lim.max_bytes = 8;
  EXPECT_TRUE(parse("[1,2,3]", lim));
  EXPECT_EQ(failure("[1,2,3,4,5]", lim).code, errc::too_large);
}

TEST(strict_json, rejects_invalid_utf8) {
  EXPECT_EQ(failure("\"\xff\"").code, bj::error::syntax);
  EXPECT_FALSE(parse("\"\xc0\xaf\""));      // overlong '/'
  EXPECT_FALSE(parse("\"\xed\xa0\x80\""));  // encoded surrogate
  EXPECT_FALSE(parse("{\"\xe2\x82\":1}"));  // truncated sequence in a name
  EXPECT_TRUE(parse("\"\xe2\x82\xac\""));   // the euro sign is fine
}

TEST(strict_json, rejects_lone_surrogate_escapes) {
  EXPECT_FALSE(parse(R"("\ud800")"));
  EXPECT_FALSE(parse(R"("\udc00")"));
  EXPECT_FALSE(parse(R"("\ud800\u0041")"));
  EXPECT_EQ(parse(R"("\ud83d\ude00")").value().as_string(), "\xf0\x9f\x98\x80");
}

TEST(strict_json, rejects_comments_trailing_commas_and_garbage) {
  EXPECT_FALSE(parse("[1,]"));
  EXPECT_FALSE(parse("{\"a\":1,}"));
  EXPECT_FALSE(parse("[1] // c"));
  EXPECT_FALSE(parse("/* c */ [1]"));
  auto e = failure("{} {}");
  EXPECT_EQ(e.offset, 3u);
  EXPECT_FALSE(parse(""));
  EXPECT_FALSE(parse("   "));
  EXPECT_FALSE(parse("NaN"));
  EXPECT_FALSE(parse("01"));
}

TEST(strict_json, reports_offset_of_syntax_errors) {
  auto e = failure(R"({"a": tru})");
  EXPECT_GE(e.offset, 6u);
  EXPECT_LE(e.offset, 9u);
  EXPECT_NE(e.message().find("offset"), std::string::npos);
}

TEST(strict_json, rejects_nul_inside_strings_unescaped) {
  EXPECT_FALSE(parse(std::string_view{"\"a\0b\"", 5}));
  EXPECT_EQ(parse(R"("a\u0000b")").value().as_string().size(), 3u);
}

// validate() must accept and reject exactly what parse() does, with the same error: every input
// of the tests above, plus member names long enough to reach the handler in parts.
TEST(strict_json, validate_agrees_with_parse) {
  struct input {
    std::string text;
    limits lim;
  };
  limits shallow;
  shallow.max_depth = 4;
  limits small;
  small.max_bytes = 8;
  std::string large = "{";
  for (int i = 0; i < 1000; ++i) {
    large += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  std::string large_ok = large;
  large_ok.back() = '}';
  const std::string long_name(5000, 'x');
  const std::string long_duplicate = "{\"" + long_name + "\\u0041\":1,\"" + long_name + "A\":2}";
  EXPECT_EQ(validate(long_duplicate).error().code, errc::duplicate_member);
  const std::vector<input> inputs = {
      {R"( {"a":[1,-2,3.5,true,null,"x"],"b":{"c":"d"},"u":18446744073709551615} )", {}},
      {"42", {}},
      {"\"s\"", {}},
      {R"({"name":"echo","name":"delete_file"})", {}},
      {R"({"params":{"name":"a","x":1,"name":"b"}})", {}},
      {R"([{"a":1},{"b":{"c":[{"d":1,"d":2}]}}])", {}},
      {R"({"a":{"a":{"a":1}},"b":{"a":2}})", {}},
      {R"([{"a":1},{"a":2}])", {}},
      {R"({"name":"a","n\u0061me":"b"})", {}},
      {large_ok, {}},
      {large + "\"k500\":0}", {}},
      {"[[[[1]]]]", shallow},
      {"[[[[[1]]]]]", shallow},
      {std::string(100000, '['), {}},
      {"[1,2,3]", small},
      {"[1,2,3,4,5]", small},
      {"\"\xff\"", {}},
      {"\"\xc0\xaf\"", {}},
      {"\"\xed\xa0\x80\"", {}},
      {"{\"\xe2\x82\":1}", {}},
      {"\"\xe2\x82\xac\"", {}},
      {R"("\ud800")", {}},
      {R"("\udc00")", {}},
      {R"("\ud800\u0041")", {}},
      {R"("\ud83d\ude00")", {}},
      {"[1,]", {}},
      {"{\"a\":1,}", {}},
      {"[1] // c", {}},
      {"/* c */ [1]", {}},
      {"{} {}", {}},
      {"", {}},
      {"   ", {}},
      {"NaN", {}},
      {"01", {}},
      {R"({"a": tru})", {}},
      {std::string{"\"a\0b\"", 5}, {}},
      {R"("a\u0000b")", {}},
      {long_duplicate, {}},
      {"{\"" + long_name + "\\u0041\":1,\"" + long_name + "B\":2}", {}},
  };
  for (const auto& in : inputs) {
    const auto parsed = parse(in.text, in.lim);
    const auto validated = validate(in.text, in.lim);
    const std::string shown = in.text.substr(0, 60);
    ASSERT_EQ(parsed.has_value(), validated.has_value()) << shown;
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, validated.error().code) << shown;
      EXPECT_EQ(parsed.error().offset, validated.error().offset) << shown;
      EXPECT_EQ(parsed.error().detail, validated.error().detail) << shown;
    }
  }
}

}  // namespace
}  // namespace mcpgate::json
