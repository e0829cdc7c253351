#include "issuer/device_flow.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

using std::chrono::seconds;

class IssuerDeviceFlow : public ::testing::Test {
 protected:
  IssuerDeviceFlow() : clock_{core::manual_clock::at_unix(1'700'000'000)}, store_{limits(), rnd_} {}

  static device_limits limits() {
    device_limits l;
    l.lifetime = seconds{600};
    l.interval = seconds{5};
    l.max_pending = 3;
    return l;
  }

  device_authorization start(std::string client = "cli") {
    grant g;
    g.client_id = std::move(client);
    g.audience = "https://api.example";
    auto r = store_.start(g, clock_.now());
    EXPECT_TRUE(r.has_value());
    return *r;
  }

  errc poll_error(const std::string& device_code, std::string_view client = "cli") {
    auto r = store_.poll(device_code, client, clock_.now());
    return r ? errc::ok : r.error().code;
  }

  system_random rnd_;
  core::manual_clock clock_;
  device_store store_;
};

TEST_F(IssuerDeviceFlow, PendingThenApprovedThenRedeemedOnce) {
  const auto d = start();
  EXPECT_EQ(d.interval, seconds{5});
  EXPECT_EQ(d.expires_in, seconds{600});
  EXPECT_EQ(poll_error(d.device_code), errc::authorization_pending);

  // The page accepts what a person types: lower case, no dash.
  std::string typed = d.user_code;
  typed.erase(4, 1);
  for (auto& c : typed) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto view = store_.lookup(typed, clock_.now());
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->client_id, "cli");
  ASSERT_TRUE(store_.approve(typed, "reader", clock_.now()).has_value());
  // Decided codes are no longer offered on the page.
  EXPECT_FALSE(store_.lookup(typed, clock_.now()).has_value());

  clock_.advance(seconds{5});
  auto g = store_.poll(d.device_code, "cli", clock_.now());
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->user, "reader");
  EXPECT_EQ(g->audience, "https://api.example");

  clock_.advance(seconds{5});
  EXPECT_EQ(poll_error(d.device_code), errc::invalid_grant);
}

TEST_F(IssuerDeviceFlow, PollingTooFastSlowsDownByFiveSeconds) {
  const auto d = start();
  EXPECT_EQ(poll_error(d.device_code), errc::authorization_pending);
  clock_.advance(seconds{4});
  EXPECT_EQ(poll_error(d.device_code), errc::slow_down);
  // The interval is now 10 s, counted from the last poll.
  clock_.advance(seconds{9});
  EXPECT_EQ(poll_error(d.device_code), errc::slow_down);
  // Now 15 s.
  clock_.advance(seconds{15});
  EXPECT_EQ(poll_error(d.device_code), errc::authorization_pending);
  clock_.advance(seconds{15});
  EXPECT_EQ(poll_error(d.device_code), errc::authorization_pending);
}

TEST_F(IssuerDeviceFlow, DeniedIsReportedOnceThenUnknown) {
  const auto d = start();
  ASSERT_TRUE(store_.deny(d.user_code, clock_.now()).has_value());
  EXPECT_FALSE(store_.approve(d.user_code, "admin", clock_.now()).has_value());
  EXPECT_EQ(poll_error(d.device_code), errc::access_denied);
  clock_.advance(seconds{5});
  EXPECT_EQ(poll_error(d.device_code), errc::invalid_grant);
}

TEST_F(IssuerDeviceFlow, ExpiresAfterItsLifetime) {
  const auto d = start();
  clock_.advance(seconds{599});
  EXPECT_EQ(poll_error(d.device_code), errc::authorization_pending);
  clock_.advance(seconds{1});
  EXPECT_FALSE(store_.approve(d.user_code, "admin", clock_.now()).has_value());
  EXPECT_EQ(poll_error(d.device_code), errc::expired_token);
}

TEST_F(IssuerDeviceFlow, BoundToTheClientThatAskedForIt) {
  const auto d = start("cli");
  EXPECT_EQ(poll_error(d.device_code, "other"), errc::invalid_grant);
  EXPECT_EQ(poll_error("not-a-device-code"), errc::invalid_grant);
  ASSERT_TRUE(store_.approve(d.user_code, "admin", clock_.now()).has_value());
  EXPECT_EQ(poll_error(d.device_code, "cli"), errc::ok);
}

TEST_F(IssuerDeviceFlow, LimitsPendingCodesUntilTheyExpire) {
  start();
  start();
  start();
  grant g;
  g.client_id = "cli";
  auto over = store_.start(g, clock_.now());
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, errc::temporarily_unavailable);
  clock_.advance(seconds{600});
  EXPECT_TRUE(store_.start(g, clock_.now()).has_value());
  EXPECT_EQ(store_.size(), 1u);
}

}  // namespace
}  // namespace mcpgate::issuer
