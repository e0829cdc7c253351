#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace mcpgate::core {
namespace {

TEST(manual_clock, moves_only_when_told) {
  auto c = manual_clock::at_unix(1'700'000'000);
  EXPECT_EQ(c.unix_seconds(), 1'700'000'000);
  c.advance(std::chrono::seconds{61});
  EXPECT_EQ(c.unix_seconds(), 1'700'000'061);
  c.set(clock::time_point{std::chrono::seconds{5}});
  EXPECT_EQ(c.unix_seconds(), 5);
}

TEST(real_clock, is_after_2024) {
  EXPECT_GT(real_clock().unix_seconds(), 1'704'067'200);
}

}  // namespace
}  // namespace mcpgate::core
