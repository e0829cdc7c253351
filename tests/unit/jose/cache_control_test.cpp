#include "jose/cache_control.hpp"

#include <gtest/gtest.h>

namespace mcpgate::jose {
namespace {

using std::chrono::seconds;

TEST(cache_control, max_age) {
  EXPECT_EQ(max_age_from_cache_control("max-age=300"), seconds{300});
  EXPECT_EQ(max_age_from_cache_control("public, max-age=15552000, stale-while-revalidate=60"),
            seconds{15552000});
  EXPECT_EQ(max_age_from_cache_control("Max-Age = 60"), seconds{60});
  EXPECT_EQ(max_age_from_cache_control(R"(max-age="120")"), seconds{120});
  EXPECT_EQ(max_age_from_cache_control("max-age=600, max-age=30"), seconds{30});
  EXPECT_EQ(max_age_from_cache_control("max-age=99999999999999999999"), seconds{2147483648});
}

TEST(cache_control, no_store_and_no_cache_mean_zero) {
  EXPECT_EQ(max_age_from_cache_control("no-store"), seconds{0});
  EXPECT_EQ(max_age_from_cache_control("max-age=600, no-cache"), seconds{0});
}

TEST(cache_control, nothing_usable) {
  EXPECT_EQ(max_age_from_cache_control(""), std::nullopt);
  EXPECT_EQ(max_age_from_cache_control("public"), std::nullopt);
  EXPECT_EQ(max_age_from_cache_control("max-age=-1"), std::nullopt);
  EXPECT_EQ(max_age_from_cache_control("max-age=1e3"), std::nullopt);
  EXPECT_EQ(max_age_from_cache_control("max-age="), std::nullopt);
  EXPECT_EQ(max_age_from_cache_control("s-maxage=5"), std::nullopt);
}

}  // namespace
}  // namespace mcpgate::jose
