#include "issuer/pkce.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

// RFC 7636 Appendix B.
constexpr std::string_view rfc_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view rfc_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(IssuerPkce, ComputesTheRfcExample) {
  EXPECT_EQ(s256_challenge(rfc_verifier), rfc_challenge);
}

TEST(IssuerPkce, AcceptsTheMatchingVerifier) {
  EXPECT_TRUE(verify_pkce(rfc_verifier, rfc_challenge).has_value());
}

TEST(IssuerPkce, RejectsAnotherVerifier) {
  std::string other{rfc_verifier};
  other.back() = 'j';
  const auto r = verify_pkce(other, rfc_challenge);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, errc::invalid_grant);
}

TEST(IssuerPkce, RejectsMalformedVerifiers) {
  EXPECT_FALSE(valid_verifier(std::string(42, 'a')));
  EXPECT_TRUE(valid_verifier(std::string(43, 'a')));
  EXPECT_TRUE(valid_verifier(std::string(128, '~')));
  EXPECT_FALSE(valid_verifier(std::string(129, 'a')));
  EXPECT_FALSE(valid_verifier(std::string(42, 'a') + "+"));
  // The challenge of a malformed verifier must not verify even if it matches.
  const std::string short_verifier(20, 'a');
  EXPECT_FALSE(verify_pkce(short_verifier, s256_challenge(short_verifier)).has_value());
}

TEST(IssuerPkce, ValidatesChallengeShape) {
  EXPECT_TRUE(valid_s256_challenge(rfc_challenge));
  EXPECT_FALSE(valid_s256_challenge(rfc_challenge.substr(1)));
  EXPECT_FALSE(valid_s256_challenge(std::string(43, '+')));
  EXPECT_FALSE(valid_s256_challenge(rfc_verifier.substr(0, 42)));
}

}  // namespace
}  // namespace mcpgate::issuer
