#include "gateway/bearer.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

TEST(bearer, extracts_token) {
  auto b = parse_bearer("Bearer abc.def-ghi_jkl~+/==", true);
  EXPECT_EQ(b.status, bearer_status::ok);
  EXPECT_EQ(b.token, "abc.def-ghi_jkl~+/==");
}

TEST(bearer, scheme_is_case_insensitive) {
  EXPECT_EQ(parse_bearer("bearer x", true).token, "x");
  EXPECT_EQ(parse_bearer("BEARER x", true).token, "x");
}

TEST(bearer, missing_header) { EXPECT_EQ(parse_bearer("", false).status, bearer_status::missing); }

TEST(bearer, rejects_everything_else) {
  for (const char* bad : {"", "Bearer", "Bearer ", "Bearer  x", "Basic dXNlcjpwdw==", "Bearerx y",
                          "Bearer x y", "Bearer x,", "Bearer =x", "Bearer x=y", "Bearer x\t", "Token x",
                          "Bearer \"x\""}) {
    EXPECT_EQ(parse_bearer(bad, true).status, bearer_status::malformed) << bad;
  }
}

}  // namespace
}  // namespace mcpgate::gateway
