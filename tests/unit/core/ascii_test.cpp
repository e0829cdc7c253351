#include "core/ascii.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mcpgate::core {
namespace {

std::vector<std::string> elements(std::string_view list) {
  std::vector<std::string> out;
  for_each_list_element(list, [&out](std::string_view e) { out.emplace_back(e); });
  return out;
}

TEST(ascii, list_elements_are_trimmed_and_empty_ones_skipped) {
  using v = std::vector<std::string>;
  EXPECT_EQ(elements(""), v{});
  EXPECT_EQ(elements(" , ,\t,"), v{});
  EXPECT_EQ(elements("close"), v{"close"});
  EXPECT_EQ(elements(" keep-alive ,\tX-Private\t, ,te"), (v{"keep-alive", "X-Private", "te"}));
  EXPECT_EQ(elements("a b, c"), (v{"a b", "c"}));
}

TEST(ascii, iequals_folds_ascii_only) {
  EXPECT_TRUE(iequals("Chunked", "cHUNKED"));
  EXPECT_FALSE(iequals("chunked", "chunked "));
  EXPECT_FALSE(iequals("\xC4", "\xE4"));
  EXPECT_TRUE(istarts_with("Bearer x", "bearer"));
}

}  // namespace
}  // namespace mcpgate::core
