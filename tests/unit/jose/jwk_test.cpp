#include "jose/jwk.hpp"

#include "core/base64url.hpp"
#include "jose/error.hpp"
#include "jose/key_set.hpp"
#include "test_keys.hpp"

#include <openssl/evp.h>
#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace mcpgate::jose {
namespace {

namespace bj = boost::json;
using namespace jose::testing;

bj::object public_of(alg a) {
  return make_key(a, "k").public_jwk().value();
}

TEST(jwk, rsa_modulus_below_2048_bits_is_refused) {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
  ASSERT_NE(raw, nullptr);
  pkey small{raw};
  auto jwk = public_jwk_of(small.get());
  ASSERT_TRUE(jwk);
  auto r = import_jwk(*jwk);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_key);
  jwk_options lenient;
  lenient.min_rsa_bits = 1024;
  EXPECT_TRUE(import_jwk(*jwk, lenient));
}

TEST(jwk, rsa_exponent_must_be_odd_and_at_least_3) {
  bj::object jwk = public_of(alg::rs256);
  for (const char* e : {"AQ", "Ag", "AAE", "AQAAAAAB"}) {
    jwk["e"] = e;
    auto r = import_jwk(jwk);
    ASSERT_FALSE(r) << e;
    EXPECT_EQ(r.error(), errc::bad_key) << e;
  }
  jwk["e"] = "AQAB";
  EXPECT_TRUE(import_jwk(jwk));
}

TEST(jwk, ec_point_off_the_curve_is_refused) {
  bj::object jwk = public_of(alg::es256);
  std::string y = core::base64url_decode(std::string{jwk.at("y").as_string()}).value();
  y.back() = static_cast<char>(y.back() ^ 1);
  jwk["y"] = core::base64url_encode(y);
  auto r = import_jwk(jwk);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_key);
}

TEST(jwk, ec_coordinates_must_have_the_full_curve_size) {
  bj::object jwk = public_of(alg::es256);
  std::string x = core::base64url_decode(std::string{jwk.at("x").as_string()}).value();
  jwk["x"] = core::base64url_encode(x.substr(1));
  auto r = import_jwk(jwk);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::bad_key);
}

TEST(jwk, unknown_curve_and_kty_are_unsupported) {
  bj::object jwk = public_of(alg::es256);
  jwk["crv"] = "secp256k1";
  EXPECT_EQ(import_jwk(jwk).error(), errc::unsupported);
  EXPECT_EQ(parse_jwk(R"({"kty":"XYZ"})").error(), errc::unsupported);
  EXPECT_EQ(parse_jwk(R"({"n":"AQAB"})").error(), errc::bad_key);
  EXPECT_EQ(parse_jwk(R"({"kty":"RSA","kty":"RSA"})").error(), errc::bad_key);
}

TEST(jwk, symmetric_keys_need_an_explicit_opt_in) {
  const char* oct =
      R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";
  EXPECT_EQ(parse_jwk(oct).error(), errc::alg_not_allowed);
  jwk_options opt;
  opt.allow_symmetric = true;
  auto key = parse_jwk(oct, opt);
  ASSERT_TRUE(key);
  EXPECT_FALSE(check_usable(*key, alg::hs256));
  EXPECT_EQ(check_usable(*key, alg::rs256), errc::key_alg_mismatch);
}

TEST(jwk, usability_follows_use_key_ops_alg_and_curve) {
  bj::object base = public_of(alg::es256);
  base.erase("alg");
  auto key = import_jwk(base).value();
  EXPECT_FALSE(check_usable(key, alg::es256));
  EXPECT_EQ(check_usable(key, alg::es384), errc::key_alg_mismatch);
  EXPECT_EQ(check_usable(key, alg::rs256), errc::key_alg_mismatch);

  bj::object enc = base;
  enc["use"] = "enc";
  EXPECT_EQ(check_usable(import_jwk(enc).value(), alg::es256), errc::unknown_kid);

  bj::object ops = base;
  ops["key_ops"] = bj::array{"sign"};
  EXPECT_EQ(check_usable(import_jwk(ops).value(), alg::es256), errc::unknown_kid);
  ops["key_ops"] = bj::array{"sign", "verify"};
  EXPECT_FALSE(check_usable(import_jwk(ops).value(), alg::es256));

  bj::object other_alg = base;
  other_alg["alg"] = "ES384";
  EXPECT_EQ(check_usable(import_jwk(other_alg).value(), alg::es256), errc::unknown_kid);
  other_alg["alg"] = "ECDH-ES";
  EXPECT_EQ(check_usable(import_jwk(other_alg).value(), alg::es256), errc::unknown_kid);
}

TEST(jwk, eddsa_and_ed25519_names_match_an_ed25519_key) {
  auto key = import_jwk(public_of(alg::eddsa)).value();
  EXPECT_FALSE(check_usable(key, alg::eddsa));
  EXPECT_FALSE(check_usable(key, alg::ed25519));
}

TEST(key_set, skips_unusable_keys_with_their_reason) {
  bj::object good = public_of(alg::rs256);
  bj::object weak = good;
  weak["kid"] = "weak";
  weak["e"] = "AQ";
  bj::object doc{
      {"keys",
       bj::array{good, weak, bj::object{{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}}, 42}}};
  auto set = key_set::parse(bj::serialize(doc));
  ASSERT_TRUE(set);
  ASSERT_EQ(set->keys().size(), 1U);
  ASSERT_EQ(set->skipped().size(), 3U);
  EXPECT_EQ(set->skipped()[0].kid, "weak");
  EXPECT_EQ(set->skipped()[0].reason, errc::bad_key);
  EXPECT_EQ(set->skipped()[1].kid, "hmac");
  EXPECT_EQ(set->skipped()[1].reason, errc::alg_not_allowed);
  EXPECT_EQ(set->skipped()[2].index, 3U);

  key_candidates c;
  jws_header h;
  h.alg = alg::rs256;
  h.kid = "weak";
  h.has_kid = true;
  EXPECT_EQ(set->select(h, c), errc::bad_key);
  h.kid = "k";
  EXPECT_FALSE(set->select(h, c));
  EXPECT_EQ(c.count, 1U);
  h.has_kid = false;
  EXPECT_EQ(set->select(h, c), errc::unknown_kid);
}

TEST(key_set, document_errors_and_limits) {
  EXPECT_EQ(key_set::parse("[]").error(), errc::malformed);
  EXPECT_EQ(key_set::parse(R"({"keys":{}})").error(), errc::malformed);
  EXPECT_EQ(key_set::parse(R"({"keys":[],"keys":[]})").error(), errc::duplicate_member);
  jwks_options opt;
  opt.max_keys = 2;
  EXPECT_EQ(key_set::parse(R"({"keys":[{},{},{}]})", opt).error(), errc::limits);
  opt.max_document_bytes = 10;
  EXPECT_EQ(key_set::parse(R"({"keys":[      ]})", opt).error(), errc::limits);
}

TEST(key_set, duplicate_kids_give_at_most_four_candidates) {
  bj::array keys;
  for (int i = 0; i < 6; ++i) {
    bj::object k = public_of(alg::es256);
    k["kid"] = "same";
    keys.push_back(k);
  }
  auto set = key_set::parse(bj::serialize(bj::object{{"keys", keys}})).value();
  key_candidates c;
  jws_header h;
  h.alg = alg::es256;
  h.kid = "same";
  h.has_kid = true;
  EXPECT_FALSE(set.select(h, c));
  EXPECT_EQ(c.count, max_key_candidates);
}

TEST(JwkThumbprint, Rfc7638Example) {
  // RFC 7638 section 3.1: the members that are not required (alg, kid) do not count.
  const auto jwk = bj::parse(R"({"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29",
    "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"})")
                       .as_object();
  EXPECT_EQ(jwk_thumbprint(jwk), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(JwkThumbprint, EveryKeyTypeAndMissingMembers) {
  for (const alg a : {alg::rs256, alg::es256, alg::es384, alg::eddsa}) {
    const auto jwk = public_of(a);
    const auto t = jwk_thumbprint(jwk);
    EXPECT_EQ(t.size(), 43U) << alg_name(a);
    auto other_kid = jwk;
    other_kid["kid"] = "different";
    EXPECT_EQ(jwk_thumbprint(other_kid), t) << alg_name(a);
  }
  auto ec = public_of(alg::es256);
  ec.erase("y");
  EXPECT_EQ(jwk_thumbprint(ec), "");
  EXPECT_EQ(jwk_thumbprint(bj::object{{"kty", "oct"}, {"k", "AAAA"}}), "");
}

}  // namespace
}  // namespace mcpgate::jose
