#include "gateway/lru_cache.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

using namespace std::chrono_literals;
using tp = std::chrono::system_clock::time_point;

TEST(lru_cache, finds_until_expiry) {
  lru_cache<int> c{4};
  const tp t0{1000s};
  c.insert("a", 1, t0 + 10s);
  ASSERT_NE(c.find("a", t0), nullptr);
  EXPECT_EQ(*c.find("a", t0 + 9s), 1);
  EXPECT_EQ(c.find("a", t0 + 10s), nullptr);
  EXPECT_EQ(c.size(), 0u);
}

TEST(lru_cache, evicts_least_recently_used) {
  lru_cache<int> c{2};
  const tp t0{1000s};
  c.insert("a", 1, t0 + 1h);
  c.insert("b", 2, t0 + 1h);
  ASSERT_NE(c.find("a", t0), nullptr);  // a is now the most recent
  c.insert("c", 3, t0 + 1h);
  EXPECT_NE(c.find("a", t0), nullptr);
  EXPECT_EQ(c.find("b", t0), nullptr);
  EXPECT_NE(c.find("c", t0), nullptr);
  EXPECT_EQ(c.size(), 2u);
}

TEST(lru_cache, replaces_existing_key) {
  lru_cache<int> c{2};
  const tp t0{1000s};
  c.insert("a", 1, t0 + 1h);
  c.insert("a", 2, t0 + 1h);
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(*c.find("a", t0), 2);
}

TEST(lru_cache, zero_capacity_stores_nothing) {
  lru_cache<int> c{0};
  c.insert("a", 1, tp{1h});
  EXPECT_EQ(c.find("a", tp{}), nullptr);
}

}  // namespace
}  // namespace mcpgate::gateway
