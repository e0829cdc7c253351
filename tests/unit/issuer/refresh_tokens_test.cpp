#include "issuer/refresh_tokens.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

using std::chrono::hours;

class IssuerRefresh : public ::testing::Test {
 protected:
  IssuerRefresh()
      : clock_{core::manual_clock::at_unix(1'700'000'000)}, store_{refresh_limits{}, rnd_} {}

  std::string issue() {
    grant g;
    g.client_id = "app";
    g.user = "reader";
    g.scope = {"files:read"};
    return store_.issue(g, clock_.now()).value();
  }

  system_random rnd_;
  core::manual_clock clock_;
  refresh_store store_;
};

TEST_F(IssuerRefresh, RotatesOnEveryUse) {
  const auto first = issue();
  auto second = store_.rotate(first, "app", clock_.now());
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->token, first);
  EXPECT_EQ(second->g.user, "reader");
  auto third = store_.rotate(second->token, "app", clock_.now());
  ASSERT_TRUE(third.has_value());
}

TEST_F(IssuerRefresh, ReuseRevokesTheFamily) {
  const auto first = issue();
  const auto other_family = issue();
  auto second = store_.rotate(first, "app", clock_.now()).value();
  auto reuse = store_.rotate(first, "app", clock_.now());
  ASSERT_FALSE(reuse.has_value());
  EXPECT_EQ(reuse.error().code, errc::invalid_grant);
  // The thief's copy and the rightful one are both dead now.
  EXPECT_FALSE(store_.rotate(second.token, "app", clock_.now()).has_value());
  EXPECT_TRUE(store_.rotate(other_family, "app", clock_.now()).has_value());
}

TEST_F(IssuerRefresh, BoundToClientAndExpires) {
  const auto token = issue();
  EXPECT_FALSE(store_.rotate(token, "other", clock_.now()).has_value());
  clock_.advance(hours{24});
  EXPECT_FALSE(store_.rotate(token, "app", clock_.now()).has_value());
}

}  // namespace
}  // namespace mcpgate::issuer
