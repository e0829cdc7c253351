#include "jose/jwks_cache.hpp"

#include "jose/error.hpp"
#include "jose/verifier.hpp"
#include "test_keys.hpp"

#include <gtest/gtest.h>

namespace mcpgate::jose {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;
using namespace jose::testing;

std::string jwks_of(std::initializer_list<const signing_key*> keys) {
  bj::array arr;
  for (const auto* k : keys) {
    arr.push_back(k->public_jwk().value());
  }
  return bj::serialize(bj::object{{"keys", std::move(arr)}});
}

class jwks_cache_test : public ::testing::Test {
 protected:
  core::manual_clock clock = core::manual_clock::at_unix(now);
  jwks_cache_options opt;
  signing_key k1 = make_key(alg::es256, "k1");
  signing_key k2 = make_key(alg::es256, "k2");
};

TEST_F(jwks_cache_test, first_fetch_then_ttl_from_max_age_bounded) {
  jwks_cache cache{opt};
  EXPECT_EQ(cache.current(clock.now()), nullptr);
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  EXPECT_FALSE(cache.begin_fetch(clock.now())) << "one fetch in flight";
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 5s, clock.now()));
  ASSERT_NE(cache.current(clock.now()), nullptr);
  // max-age=5 is raised to the 60 s minimum.
  clock.advance(59s);
  EXPECT_FALSE(cache.begin_fetch(clock.now()));
  clock.advance(1s);
  EXPECT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), std::chrono::seconds{365 * 86400}, clock.now()));
  EXPECT_EQ(cache.snapshot().expires_at - cache.snapshot().fetched_at, opt.max_ttl);
  ASSERT_FALSE(cache.begin_fetch(clock.now()));
  ASSERT_TRUE(cache.begin_fetch(clock.now() + 24h));
}

TEST_F(jwks_cache_test, default_ttl_without_max_age) {
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), std::nullopt, clock.now()));
  EXPECT_EQ(cache.next_fetch_due(), clock.now() + 10min);
}

TEST_F(jwks_cache_test, rotation_is_picked_up_through_an_unknown_kid) {
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 600s, clock.now()));
  const std::string token = sign_claims(k2, good_claims());

  clock.advance(40s);
  auto r = verify_jwt(token, *cache.current(clock.now()), options_for(), clock);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error(), errc::unknown_kid);
  ASSERT_TRUE(cache.note_unknown_kid(clock.now()));
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1, &k2}), 600s, clock.now()));
  EXPECT_TRUE(verify_jwt(token, *cache.current(clock.now()), options_for(), clock));
}

TEST_F(jwks_cache_test, unknown_kid_flood_fetches_at_most_once_per_cooldown) {
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 3600s, clock.now()));
  int fetches = 0;
  // 10 tokens with random kids per second for five minutes; each fetch takes a second.
  for (int second = 0; second < 300; ++second) {
    for (int i = 0; i < 10; ++i) {
      if (cache.note_unknown_kid(clock.now()) && cache.begin_fetch(clock.now())) {
        ++fetches;
        EXPECT_FALSE(cache.begin_fetch(clock.now()));
        EXPECT_FALSE(cache.note_unknown_kid(clock.now()));
        ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 3600s, clock.now() + 1s));
      }
    }
    clock.advance(1s);
  }
  // The first unknown kid arrives at t = 0 right after the initial fetch, so it waits for the
  // cooldown: fetches at 30, 60, …, 270 s.
  EXPECT_EQ(fetches, 9);
  EXPECT_EQ(cache.snapshot().fetches, 10U);
}

TEST_F(jwks_cache_test, outage_serves_stale_up_to_max_age_then_fails) {
  opt.max_stale = 2h;
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 600s, clock.now()));
  const std::string token = sign_claims(k1, good_claims());

  clock.advance(600s);
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  cache.on_fetch_failed(make_error_code(std::errc::connection_refused), clock.now());
  ASSERT_NE(cache.current(clock.now()), nullptr);
  EXPECT_TRUE(verify_jwt(token, *cache.current(clock.now()), options_for(), now));
  // Retries wait for the retry interval.
  EXPECT_FALSE(cache.begin_fetch(clock.now() + 29s));
  EXPECT_EQ(cache.next_fetch_due(), clock.now() + 30s);
  // A document that is not a key set is a failure too and keeps the old set.
  clock.advance(30s);
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  EXPECT_TRUE(cache.on_fetched("<html>oops</html>", 600s, clock.now()));
  EXPECT_EQ(cache.snapshot().failures, 2U);
  ASSERT_NE(cache.current(clock.now()), nullptr);
  ASSERT_TRUE(cache.begin_fetch(clock.now() + 30s));
  EXPECT_TRUE(cache.on_fetched(R"({"keys":[]})", 600s, clock.now() + 30s));

  clock.set(core::clock::time_point{std::chrono::seconds{now}} + 2h - 1s);
  EXPECT_NE(cache.current(clock.now()), nullptr);
  clock.advance(1s);
  EXPECT_EQ(cache.current(clock.now()), nullptr);
  // Recovery.
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  ASSERT_FALSE(cache.on_fetched(jwks_of({&k1}), 600s, clock.now()));
  EXPECT_NE(cache.current(clock.now()), nullptr);
  EXPECT_FALSE(cache.snapshot().last_error);
}

TEST_F(jwks_cache_test, a_lost_fetch_stops_blocking_after_the_in_flight_timeout) {
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  EXPECT_FALSE(cache.begin_fetch(clock.now() + opt.in_flight_timeout - 1s));
  EXPECT_TRUE(cache.begin_fetch(clock.now() + opt.in_flight_timeout));
}

TEST_F(jwks_cache_test, failure_without_any_set_retries_after_the_interval) {
  jwks_cache cache{opt};
  ASSERT_TRUE(cache.begin_fetch(clock.now()));
  cache.on_fetch_failed(make_error_code(std::errc::timed_out), clock.now());
  EXPECT_EQ(cache.current(clock.now()), nullptr);
  EXPECT_FALSE(cache.begin_fetch(clock.now() + 10s));
  EXPECT_TRUE(cache.begin_fetch(clock.now() + 30s));
}

}  // namespace
}  // namespace mcpgate::jose
