#include "jose/claims.hpp"

#include "jose/error.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace mcpgate::jose {
namespace {

namespace bj = boost::json;

constexpr std::int64_t now = 1767225600;

class claims_test : public ::testing::Test {
 protected:
  claims_test() {
    rules.issuer = "https://tenant.auth0.com/";
    rules.audiences = {"https://mcp-demo/api", "second"};
  }

  error_code check(const bj::object& c) const { return check_claims(c, header, rules, now); }

  bj::object claims{
      {"iss", "https://tenant.auth0.com/"}, {"aud", "https://mcp-demo/api"}, {"exp", now + 10}};
  jws_header header;
  claim_rules rules;
};

TEST_F(claims_test, valid_minimum) {
  EXPECT_FALSE(check(claims));
}

TEST_F(claims_test, exp_boundaries_with_skew) {
  claims["exp"] = now - 59;
  EXPECT_FALSE(check(claims));
  claims["exp"] = now - 60;
  EXPECT_EQ(check(claims), errc::expired);
  claims["exp"] = static_cast<double>(now) - 59.5;
  EXPECT_FALSE(check(claims));
  rules.skew = std::chrono::seconds{0};
  claims["exp"] = now;
  EXPECT_EQ(check(claims), errc::expired);
  claims["exp"] = now + 1;
  EXPECT_FALSE(check(claims));
}

TEST_F(claims_test, exp_is_required_and_a_number_in_range) {
  claims.erase("exp");
  EXPECT_EQ(check(claims), errc::missing_claim);
  claims["exp"] = "1767229200";
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims["exp"] = 1e300;
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims["exp"] = std::uint64_t{18446744073709551615ULL};
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims["exp"] = -5;
  EXPECT_EQ(check(claims), errc::expired);
}

TEST_F(claims_test, nbf_and_iat) {
  claims["nbf"] = now + 60;
  EXPECT_FALSE(check(claims));
  claims["nbf"] = now + 61;
  EXPECT_EQ(check(claims), errc::not_yet_valid);
  claims["nbf"] = true;
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims.erase("nbf");
  claims["iat"] = now + 60;
  EXPECT_FALSE(check(claims));
  claims["iat"] = now + 61;
  EXPECT_EQ(check(claims), errc::iat);
  claims["iat"] = nullptr;
  EXPECT_EQ(check(claims), errc::malformed_claim);
}

TEST_F(claims_test, issuer_is_exact) {
  claims["iss"] = "https://tenant.auth0.com";
  EXPECT_EQ(check(claims), errc::iss);
  claims["iss"] = "HTTPS://tenant.auth0.com/";
  EXPECT_EQ(check(claims), errc::iss);
  claims["iss"] = bj::array{"https://tenant.auth0.com/"};
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims.erase("iss");
  EXPECT_EQ(check(claims), errc::iss);
}

TEST_F(claims_test, audience_string_or_array_any_configured) {
  claims["aud"] = "second";
  EXPECT_FALSE(check(claims));
  claims["aud"] = bj::array{"x", "https://mcp-demo/api"};
  EXPECT_FALSE(check(claims));
  claims["aud"] = bj::array{"https://mcp-demo/api", 42};
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims["aud"] = bj::array{};
  EXPECT_EQ(check(claims), errc::aud);
  claims["aud"] = "https://mcp-demo/api/";
  EXPECT_EQ(check(claims), errc::aud);
  claims["aud"] = 5;
  EXPECT_EQ(check(claims), errc::malformed_claim);
  claims.erase("aud");
  EXPECT_EQ(check(claims), errc::aud);
}

TEST_F(claims_test, typ_values) {
  header.has_typ = true;
  for (const char* ok : {"JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt"}) {
    header.typ = ok;
    EXPECT_FALSE(check(claims)) << ok;
  }
  for (const char* bad : {"dpop+jwt", "", "application/jwt+at"}) {
    header.typ = bad;
    EXPECT_EQ(check(claims), errc::typ) << bad;
  }
  rules.check_typ = false;
  EXPECT_FALSE(check(claims));
}

}  // namespace
}  // namespace mcpgate::jose
