#include "issuer/authorization_codes.hpp"
#include "issuer/pkce.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

using std::chrono::seconds;

constexpr std::string_view verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view redirect = "http://localhost:9/cb";

class IssuerCodes : public ::testing::Test {
 protected:
  IssuerCodes() : clock_{core::manual_clock::at_unix(1'700'000'000)}, store_{code_limits{}, rnd_} {}

  std::string issue() {
    code_request req;
    req.g.client_id = "app";
    req.g.user = "admin";
    req.redirect_uri = std::string{redirect};
    req.code_challenge = s256_challenge(verifier);
    return store_.issue(req, clock_.now()).value();
  }

  errc redeem(const std::string& code, std::string_view client = "app",
              std::string_view uri = redirect, std::string_view v = verifier) {
    auto r = store_.redeem(code, client, uri, v, clock_.now());
    return r ? errc::ok : r.error().code;
  }

  system_random rnd_;
  core::manual_clock clock_;
  code_store store_;
};

TEST_F(IssuerCodes, RedeemsOnceWithTheRightVerifier) {
  const auto code = issue();
  auto g = store_.redeem(code, "app", redirect, verifier, clock_.now());
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->user, "admin");
  EXPECT_EQ(redeem(code), errc::invalid_grant);
}

TEST_F(IssuerCodes, AFailedAttemptConsumesTheCode) {
  const auto code = issue();
  EXPECT_EQ(redeem(code, "app", redirect, std::string(43, 'x')), errc::invalid_grant);
  EXPECT_EQ(redeem(code), errc::invalid_grant);
}

TEST_F(IssuerCodes, BoundToClientAndRedirectUri) {
  EXPECT_EQ(redeem(issue(), "other"), errc::invalid_grant);
  EXPECT_EQ(redeem(issue(), "app", "http://localhost:9/other"), errc::invalid_grant);
  EXPECT_EQ(redeem(issue()), errc::ok);
}

TEST_F(IssuerCodes, ExpireAfterAMinute) {
  const auto a = issue();
  const auto b = issue();
  clock_.advance(seconds{59});
  EXPECT_EQ(redeem(a), errc::ok);
  clock_.advance(seconds{1});
  EXPECT_EQ(redeem(b), errc::invalid_grant);
}

}  // namespace
}  // namespace mcpgate::issuer
