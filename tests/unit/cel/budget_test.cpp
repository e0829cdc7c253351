// Every budget in cel::options turns hostile input into an error, never a crash.
#include "cel/program.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mcpgate::cel {
namespace {

TEST(cel_budgets, expression_size) {
  options o;
  o.max_expression_bytes = 16;
  const auto r = program::compile("1 + 2 + 3 + 4 + 5 + 6", o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_large));
}

TEST(cel_budgets, parser_depth_with_parentheses_and_chains) {
  options o;
  const std::string parens = std::string(30000, '(') + "1" + std::string(30000, ')');
  auto r = program::compile(parens, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_deep));
  r = program::compile(std::string(30000, '!') + "true", o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_deep));

  std::string chain = "a";
  for (int i = 0; i < 10000; ++i) {
    chain += ".b";
  }
  r = program::compile(chain, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_deep));

  std::string sums = "1";
  for (int i = 0; i < 10000; ++i) {
    sums += " + 1";
  }
  r = program::compile(sums, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_deep));

  // Long && chains are flat, so they are fine.
  std::string ands = "true";
  for (int i = 0; i < 5000; ++i) {
    ands += " && true";
  }
  EXPECT_TRUE(program::compile(ands, o));
}

TEST(cel_budgets, node_count) {
  options o;
  o.max_nodes = 100;
  std::string list = "[";
  for (int i = 0; i < 200; ++i) {
    list += "1,";
  }
  list += "]";
  const auto r = program::compile(list, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::too_large));
}

TEST(cel_budgets, comprehension_iterations) {
  options o;
  o.max_iterations = 1000;
  activation vars;
  const auto p = program::compile(
      "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, "
      "[1,2,3,4,5,6,7,8,9,10].all(c, a + b + c > 0)))",
      o);
  ASSERT_TRUE(p);
  const value v = p->evaluate(vars);
  ASSERT_TRUE(v.is_error());
  EXPECT_EQ(v.as_string(), "comprehension iteration budget exceeded");
  o.max_iterations = 2000;
  EXPECT_TRUE(program::compile(p->source(), o)->evaluate_bool(vars));
}

TEST(cel_budgets, huge_duration_is_an_error_not_an_overflow) {
  // 29 digits of hours overflowed 128-bit nanoseconds before the range check (found by
  // fuzz/cel.cmake; UBSan in the debug build would abort here).
  activation vars;
  for (const char* text :
       {"duration('11111111111111111111111111111h')", "duration('1208925819614629174706176h')",
        "duration('99999999999999999999999999m1s')"}) {
    const auto p = program::compile(text);
    ASSERT_TRUE(p) << text;
    const value v = p->evaluate(vars);
    ASSERT_TRUE(v.is_error()) << text;
    EXPECT_EQ(v.as_string(), "duration out of range") << text;
  }
}

TEST(cel_budgets, regex_program_size) {
  options o;
  o.max_regex_program_size = 50;
  auto r = program::compile("'a'.matches('(abc|def){20}x{1,100}')", o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::regex_too_large));
  // A computed pattern is held to the same budget at run time.
  activation vars;
  vars.bind("p", value::borrowed_string("(abc|def){20}x{1,100}"));
  auto p = program::compile("'a'.matches(p)", o);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->evaluate(vars).is_error());
}

TEST(cel_budgets, value_size_stops_exponential_growth) {
  options o;
  o.max_value_bytes = 1 << 16;
  activation vars;
  // Each step doubles the string; 30 doublings would be a gigabyte.
  const auto p = program::compile(
      "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]"
      ".map(i, 'ab').join('').split('').join('') + 'x' > ''",
      o);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->evaluate(vars).is_error());
  const auto q = program::compile(
      "'abcdefgh'.replace('', 'abcdefghabcdefghabcdefghabcdefgh').replace('', "
      "'abcdefghabcdefghabcdefghabcdefgh').replace('', 'abcdefghabcdefghabcdefgh')",
      o);
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->evaluate(vars).is_error());
}

// split makes a value and a string per part: a long string of separators is held to the value
// budget like a list of that many elements.
TEST(cel_budgets, split_into_too_many_parts_is_an_error) {
  options o;
  o.max_value_bytes = 1 << 16;  // room for some hundreds of parts
  activation vars;
  const std::string many(100'000, '/');
  const std::string chars(100'000, 'a');
  vars.bind("many", value::borrowed_string(many));
  vars.bind("chars", value::borrowed_string(chars));
  for (const char* e : {"many.split('/').size() > 0", "chars.split('').size() > 0"}) {
    const auto p = program::compile(e, o);
    ASSERT_TRUE(p) << e;
    EXPECT_TRUE(p->evaluate(vars).is_error()) << e;
  }
  const auto fine =
      program::compile("'a/b/c'.split('/').size() == 3 && many.split('/', 3).size() == 3", o);
  ASSERT_TRUE(fine);
  EXPECT_TRUE(fine->evaluate(vars).as_bool());
}

}  // namespace
}  // namespace mcpgate::cel
