#include "gateway/bearer.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

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

TEST(bearer, missing_header) {
  EXPECT_EQ(parse_bearer("", false).status, bearer_status::missing);
}

TEST(bearer, rejects_everything_else) {
  for (const char* bad :
       {"", "Bearer", "Bearer ", "Bearer  x", "Basic dXNlcjpwdw==", "Bearerx y", "Bearer x y",
        "Bearer x,", "Bearer =x", "Bearer x=y", "Bearer x\t", "Token x", "Bearer \"x\""}) {
    EXPECT_EQ(parse_bearer(bad, true).status, bearer_status::malformed) << bad;
  }
}

// The token's characters are checked 16 bytes at a time, the rest one by one: every length
// around the block size, with one bad byte at every position (and the bytes next to the
// allowed ranges), must be refused; tokens of allowed characters of every length accepted.
TEST(bearer, every_position_of_every_length_is_checked) {
  const std::string allowed =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
  const std::string refused = std::string("@[`{/:,= \t\"\\\x7f\x80\xff", 15) + '\0' + '\x01';
  std::mt19937 rng(7);
  for (std::size_t len = 1; len <= 70; ++len) {
    std::string token;
    for (std::size_t i = 0; i < len; ++i) {
      token += allowed[rng() % allowed.size()];
    }
    ASSERT_EQ(parse_bearer("Bearer " + token, true).status, bearer_status::ok) << token;
    ASSERT_EQ(parse_bearer("Bearer " + token + "==", true).status, bearer_status::ok) << token;
    for (std::size_t at = 0; at < len; ++at) {
      for (char bad : refused) {
        if (bad == '/' || (bad == '=' && at == len - 1)) {
          continue;  // '/' is allowed; a last '=' is padding
        }
        std::string t = token;
        t[at] = bad;
        ASSERT_EQ(parse_bearer("Bearer " + t, true).status, bearer_status::malformed)
            << "length " << len << ", byte " << static_cast<int>(static_cast<unsigned char>(bad))
            << " at " << at;
      }
    }
  }
}

}  // namespace
}  // namespace mcpgate::gateway
