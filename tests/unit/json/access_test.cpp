#include "json/access.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

namespace mcpgate::json {
namespace {

TEST(json_access, typed_lookups) {
  auto v =
      parse(R"({"s":"x","o":{},"a":[],"b":true,"i":5,"u":18446744073709551615,"d":1.5})").value();
  const auto& o = v.as_object();
  ASSERT_NE(find_string(o, "s"), nullptr);
  EXPECT_EQ(view(*find_string(o, "s")), "x");
  EXPECT_EQ(find_string(o, "i"), nullptr);
  EXPECT_EQ(find_string(o, "missing"), nullptr);
  EXPECT_NE(find_object(o, "o"), nullptr);
  EXPECT_NE(find_array(o, "a"), nullptr);
  EXPECT_EQ(find_bool(o, "b"), true);
  EXPECT_EQ(find_bool(o, "i"), std::nullopt);
  EXPECT_EQ(find_int64(o, "i"), 5);
  EXPECT_EQ(find_int64(o, "u"), std::nullopt);
  EXPECT_EQ(find_int64(o, "d"), std::nullopt);
  EXPECT_EQ(find_number(o, "d"), 1.5);
  EXPECT_EQ(find_number(o, "i"), 5.0);
  EXPECT_EQ(find_number(o, "s"), std::nullopt);
}

}  // namespace
}  // namespace mcpgate::json
