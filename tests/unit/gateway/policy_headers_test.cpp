#include "gateway/policy_headers.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mcpgate::gateway {
namespace {

std::map<std::string, std::string> as_map(const policy_headers& h) {
  std::map<std::string, std::string> out;
  for (const auto& e : h.entries()) {
    EXPECT_TRUE(out.emplace(std::string{e.key}, std::string{e.val.as_string()}).second) << e.key;
  }
  return out;
}

TEST(policy_headers, lower_case_names_and_repeated_fields_joined_in_order) {
  boost::beast::http::fields f;
  f.insert("X-Team", "blue");
  f.insert("Content-Type", "application/json");
  f.insert("x-TEAM", "green");
  f.insert("X-Empty", "");
  f.insert("x-team", "red");
  const policy_headers h{f};
  EXPECT_EQ(as_map(h), (std::map<std::string, std::string>{{"x-team", "blue, green, red"},
                                                           {"content-type", "application/json"},
                                                           {"x-empty", ""}}));
}

TEST(policy_headers, none) {
  boost::beast::http::fields f;
  EXPECT_TRUE(policy_headers{f}.entries().empty());
}

}  // namespace
}  // namespace mcpgate::gateway
