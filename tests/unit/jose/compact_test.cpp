#include "jose/compact.hpp"

#include "core/base64url.hpp"
#include "jose/error.hpp"
#include "jose/signature.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mcpgate::jose {
namespace {

std::string token_with_header(const std::string& header_json,
                              const std::string& payload = R"({"sub":"x"})") {
  return core::base64url_encode(header_json) + "." + core::base64url_encode(payload) + ".c2ln";
}

TEST(compact, splits_and_decodes_once) {
  const std::string token = token_with_header(R"({"alg":"ES256","kid":"k1","typ":"JWT"})");
  auto r = parse_compact(token);
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->header.alg, alg::es256);
  EXPECT_EQ(r->header.kid, "k1");
  EXPECT_TRUE(r->header.has_typ);
  EXPECT_EQ(r->payload, R"({"sub":"x"})");
  EXPECT_EQ(r->signature, "sig");
  EXPECT_EQ(r->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(r->signing_input.data(), token.data());
}

TEST(compact, segment_structure) {
  EXPECT_EQ(parse_compact("").error(), errc::malformed);
  EXPECT_EQ(parse_compact("a.b").error(), errc::malformed);
  EXPECT_EQ(parse_compact("a.b.c.d").error(), errc::malformed);
  EXPECT_EQ(parse_compact("a.b.c.d.e").error(), errc::jwe_not_supported);
  EXPECT_EQ(parse_compact(std::string(4000, '.')).error(), errc::malformed);
  EXPECT_EQ(parse_compact(".eyJ9.c2ln").error(), errc::malformed);
  // Detached payload.
  EXPECT_EQ(parse_compact(core::base64url_encode(R"({"alg":"RS256"})") + "..c2ln").error(),
            errc::malformed);
  // Padding and the standard alphabet.
  const std::string good = token_with_header(R"({"alg":"RS256"})");
  EXPECT_EQ(parse_compact(good + "=").error(), errc::malformed);
  EXPECT_EQ(parse_compact("+" + good).error(), errc::malformed);
}

TEST(compact, size_limit_is_checked_before_decoding) {
  jws_limits lim;
  const std::string big = token_with_header(R"({"alg":"RS256"})", std::string(20000, 'x'));
  EXPECT_EQ(parse_compact(big, lim).error(), errc::limits);
  // A mebibyte of dots is refused by size, not by counting work.
  EXPECT_EQ(parse_compact(std::string(1 << 20, '.'), lim).error(), errc::limits);
  lim.max_token_bytes = 64 * 1024;
  EXPECT_TRUE(parse_compact(big, lim));
}

TEST(compact, deep_header_hits_the_depth_limit) {
  std::string deep =
      R"({"alg":"RS256","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  jws_limits lim;
  lim.max_token_bytes = 1 << 20;
  EXPECT_EQ(parse_compact(token_with_header(deep), lim).error(), errc::limits);
}

TEST(compact, header_rules) {
  const auto err = [](const std::string& h) { return parse_compact(token_with_header(h)).error(); };
  EXPECT_EQ(err(R"([1])"), errc::malformed_header);
  EXPECT_EQ(err(R"({"typ":"JWT"})"), errc::malformed_header);
  EXPECT_EQ(err(R"({"alg":7})"), errc::malformed_header);
  EXPECT_EQ(err(R"({"alg":"none"})"), errc::alg_not_allowed);
  EXPECT_EQ(err(R"({"alg":"NONE"})"), errc::alg_not_allowed);
  EXPECT_EQ(err(R"({"alg":"rs256"})"), errc::alg_not_allowed);
  EXPECT_EQ(err(R"({"alg":"RS256","alg":"RS256"})"), errc::duplicate_member);
  EXPECT_EQ(err(R"({"alg":"RS256","crit":["exp"],"exp":1})"), errc::crit);
  EXPECT_EQ(err(R"({"alg":"RS256","b64":false})"), errc::crit);
  EXPECT_EQ(err(R"({"alg":"RS256","zip":"DEF"})"), errc::unsupported);
  EXPECT_EQ(err(R"({"alg":"RS256","kid":5})"), errc::malformed_header);
  EXPECT_EQ(err(R"({"alg":"RS256","typ":null})"), errc::malformed_header);
  // Members that carry keys or key URLs are ignored, never acted on.
  EXPECT_TRUE(parse_compact(token_with_header(
      R"({"alg":"RS256","jku":"https://attacker.example/jwks","jwk":{"kty":"oct"},"x5u":"x"})")));
}

TEST(compact, split_unverified_decodes_without_checks) {
  auto r = split_unverified(token_with_header(R"({"alg":"none"})"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header, R"({"alg":"none"})");
}

TEST(ecdsa_der, raw_and_der_convert_both_ways) {
  std::string raw(64, '\0');
  raw[0] = '\x80';  // high bit: DER needs a leading zero
  raw[31] = '\x01';
  raw[63] = '\x05';  // s = 5: short integer
  std::string der;
  ASSERT_TRUE(detail::ecdsa_raw_to_der(raw, der));
  EXPECT_EQ(static_cast<unsigned char>(der[0]), 0x30);
  EXPECT_EQ(der.substr(der.size() - 3), std::string("\x02\x01\x05", 3));
  std::string back;
  ASSERT_TRUE(detail::ecdsa_der_to_raw(der, 32, back));
  EXPECT_EQ(back, raw);
}

TEST(ecdsa_der, zero_r_or_s_is_refused) {
  std::string der;
  std::string raw(64, '\0');
  EXPECT_FALSE(detail::ecdsa_raw_to_der(raw, der));
  raw[5] = '\x01';
  EXPECT_FALSE(detail::ecdsa_raw_to_der(raw, der));  // s still zero
  raw[40] = '\x01';
  EXPECT_TRUE(detail::ecdsa_raw_to_der(raw, der));
}

TEST(ecdsa_der, p521_uses_the_long_length_form) {
  std::string raw(132, '\xff');
  std::string der;
  ASSERT_TRUE(detail::ecdsa_raw_to_der(raw, der));
  EXPECT_EQ(static_cast<unsigned char>(der[1]), 0x81);
  std::string back;
  ASSERT_TRUE(detail::ecdsa_der_to_raw(der, 66, back));
  EXPECT_EQ(back, raw);
  EXPECT_FALSE(detail::ecdsa_der_to_raw(der, 32, back));
}

}  // namespace
}  // namespace mcpgate::jose
