#include "jose/signer.hpp"

#include "jose/error.hpp"
#include "jose/verifier.hpp"
#include "test_keys.hpp"

#include <gtest/gtest.h>

namespace mcpgate::jose {
namespace {

using namespace jose::testing;

class sign_verify : public ::testing::TestWithParam<alg> {};

TEST_P(sign_verify, round_trip_with_published_jwks) {
  const alg a = GetParam();
  const signing_key key = make_key(a, "k1");
  const key_set keys = set_of({&key});
  ASSERT_EQ(keys.keys().size(), 1U);

  const std::string token = sign_claims(key, good_claims());
  auto r = verify_jwt(token, keys, options_for(), now);
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->claims.at("sub").as_string(), "auth0|alice");
  EXPECT_EQ(r->header.alg, a);
  EXPECT_EQ(r->header.kid, "k1");
}

TEST_P(sign_verify, tampered_signature_and_payload_fail) {
  const signing_key key = make_key(GetParam(), "k1");
  const key_set keys = set_of({&key});
  std::string token = sign_claims(key, good_claims());

  std::string flipped = token;
  char& c = flipped[flipped.rfind('.') + 3];
  c = c == 'A' ? 'B' : 'A';
  auto r = verify_jwt(flipped, keys, options_for(), now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_signature);

  auto other_claims = good_claims();
  other_claims["sub"] = "auth0|mallory";
  const std::string other = sign_claims(key, other_claims);
  const std::string spliced = token.substr(0, token.find('.')) +
                              other.substr(other.find('.'), other.rfind('.') - other.find('.')) +
                              token.substr(token.rfind('.'));
  r = verify_jwt(spliced, keys, options_for(), now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_signature);
}

TEST_P(sign_verify, pem_round_trip_keeps_the_key) {
  const signing_key key = make_key(GetParam(), "k1");
  auto pem = key.private_pem();
  ASSERT_TRUE(pem);
  EXPECT_NE(pem->find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto again = signing_key::from_pem(*pem, "k1", GetParam());
  ASSERT_TRUE(again) << describe(again.error());
  const std::string token = sign_claims(*again, good_claims());
  EXPECT_TRUE(verify_jwt(token, set_of({&key}), options_for(), now));
}

TEST_P(sign_verify, not_allow_listed_is_refused) {
  const alg a = GetParam();
  const signing_key key = make_key(a, "k1");
  alg_set only_other = alg_set::of({a == alg::rs256 ? alg::es256 : alg::rs256});
  auto r =
      verify_jwt(sign_claims(key, good_claims()), set_of({&key}), options_for(only_other), now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::alg_not_allowed);
}

INSTANTIATE_TEST_SUITE_P(all, sign_verify,
                         ::testing::Values(alg::rs256, alg::rs384, alg::rs512, alg::ps256,
                                           alg::ps384, alg::ps512, alg::es256, alg::es384,
                                           alg::es512, alg::eddsa),
                         [](const auto& p) { return std::string{alg_name(p.param)}; });

TEST(signer, public_jwk_carries_kid_alg_use_and_no_private_members) {
  const signing_key key = make_key(alg::es256, "dev-1");
  auto jwk = key.public_jwk();
  ASSERT_TRUE(jwk);
  EXPECT_EQ(jwk->at("kty").as_string(), "EC");
  EXPECT_EQ(jwk->at("crv").as_string(), "P-256");
  EXPECT_EQ(jwk->at("kid").as_string(), "dev-1");
  EXPECT_EQ(jwk->at("alg").as_string(), "ES256");
  EXPECT_EQ(jwk->at("use").as_string(), "sig");
  EXPECT_EQ(jwk->at("x").as_string().size(), 43U);
  EXPECT_FALSE(jwk->contains("d"));
  auto jwks = public_jwks(key);
  ASSERT_TRUE(jwks);
  EXPECT_EQ(jwks->at("keys").as_array().size(), 1U);
}

TEST(signer, from_pem_refuses_an_alg_the_key_cannot_do) {
  const signing_key ec = make_key(alg::es256, "k");
  auto r = signing_key::from_pem(ec.private_pem().value(), "k", alg::es384);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::key_alg_mismatch);
  r = signing_key::from_pem(ec.private_pem().value(), "k", alg::rs256);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::key_alg_mismatch);
  const signing_key rsa = make_key(alg::rs256, "k");
  auto ps = signing_key::from_pem(rsa.private_pem().value(), "k", alg::ps256);
  ASSERT_TRUE(ps);
  EXPECT_EQ(ps->algorithm(), alg::ps256);
}

TEST(signer, from_pem_refuses_garbage_and_public_keys) {
  EXPECT_FALSE(signing_key::from_pem("not a key"));
  EXPECT_FALSE(signing_key::from_pem(""));
}

TEST(signer, header_may_not_set_alg_or_kid) {
  const signing_key key = make_key(alg::eddsa, "k");
  EXPECT_FALSE(sign({{"alg", "none"}}, good_claims(), key));
  EXPECT_FALSE(sign({{"kid", "other"}}, good_claims(), key));
}

}  // namespace
}  // namespace mcpgate::jose
