#include "gateway/authenticator.hpp"

#include "jose/error.hpp"
#include "jose/key_set.hpp"
#include "jose/signer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

// A key source whose keys the test swaps, as a JWKS refresh does.
class swappable_keys final : public key_source {
 public:
  std::shared_ptr<const jose::key_set> keys;
  std::shared_ptr<const jose::key_set> current() const override { return keys; }
  http::task<void> on_missing_keys() override { co_return; }
  std::string describe() const override { return "test keys"; }
};

std::shared_ptr<const jose::key_set> set_of(std::initializer_list<const jose::signing_key*> keys) {
  boost::json::array all;
  for (const auto* k : keys) {
    auto doc = jose::public_jwks(*k);
    EXPECT_TRUE(doc);
    for (auto& j : doc->at("keys").as_array()) {
      all.push_back(j);
    }
  }
  auto parsed = jose::key_set::parse(boost::json::serialize(boost::json::object{{"keys", all}}));
  EXPECT_TRUE(parsed);
  return std::make_shared<const jose::key_set>(std::move(*parsed));
}

class authenticator_test : public ::testing::Test {
 protected:
  static constexpr std::int64_t now = 1'800'000'000;
  core::manual_clock clock = core::manual_clock::at_unix(now);
  jose::signing_key a = *jose::signing_key::generate(jose::alg::rs256, "a");
  jose::signing_key b = *jose::signing_key::generate(jose::alg::rs256, "b");
  std::shared_ptr<swappable_keys> source = std::make_shared<swappable_keys>();
  std::vector<provider> providers;
  authenticator auth{clock, {}};
  boost::asio::io_context ioc;

  void SetUp() override {
    provider p;
    p.issuer = "https://issuer.example/";
    p.options.claims.issuer = p.issuer;
    p.options.claims.audiences = {"https://api"};
    p.keys = source;
    providers.push_back(std::move(p));
  }

  std::string token(const jose::signing_key& key, std::int64_t exp = now + 3600) {
    auto t = jose::sign(
        {},
        {{"iss", "https://issuer.example/"}, {"aud", "https://api"}, {"sub", "u"}, {"exp", exp}},
        key);
    EXPECT_TRUE(t);
    return *t;
  }

  authentication verify(const std::string& t) {
    auto f = boost::asio::co_spawn(ioc, auth.verify(t, providers, 1), boost::asio::use_future);
    ioc.restart();
    ioc.run();
    return f.get();
  }
};

TEST_F(authenticator_test, a_cached_token_is_not_trusted_once_its_key_is_gone) {
  source->keys = set_of({&a, &b});
  const auto t = token(a);
  ASSERT_TRUE(verify(t).who);
  ASSERT_TRUE(verify(t).who);
  EXPECT_EQ(auth.cache_hits(), 1u);

  source->keys = set_of({&b});  // a JWKS refresh that dropped key "a"
  const auto gone = verify(t);
  EXPECT_FALSE(gone.who);
  EXPECT_EQ(gone.error, jose::errc::unknown_kid);
  EXPECT_EQ(auth.cache_hits(), 1u);

  source->keys = nullptr;  // keys stale past their maximum age
  EXPECT_EQ(verify(token(b)).error, jose::errc::no_keys);
}

TEST_F(authenticator_test, a_refresh_that_keeps_the_key_verifies_again_then_hits) {
  source->keys = set_of({&a});
  const auto t = token(a);
  ASSERT_TRUE(verify(t).who);
  source->keys = set_of({&a, &b});
  ASSERT_TRUE(verify(t).who);
  EXPECT_EQ(auth.cache_hits(), 0u);
  ASSERT_TRUE(verify(t).who);
  EXPECT_EQ(auth.cache_hits(), 1u);
}

// exp far beyond what a time_point holds (jose accepts up to 2^53): cached without overflow.
TEST_F(authenticator_test, a_far_exp_is_cached_without_overflow) {
  source->keys = set_of({&a});
  const auto t = token(a, 9'007'199'254'740'991);
  ASSERT_TRUE(verify(t).who);
  ASSERT_TRUE(verify(t).who);
  EXPECT_EQ(auth.cache_hits(), 1u);
}

}  // namespace
}  // namespace mcpgate::gateway
