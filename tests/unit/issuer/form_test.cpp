#include "issuer/form.hpp"
#include "issuer/random.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

TEST(IssuerForm, DecodesPercentAndPlus) {
  auto f = parse_form("grant_type=client_credentials&scope=files%3Aread+openid&empty=");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->value("grant_type"), "client_credentials");
  EXPECT_EQ(f->value("scope"), "files:read openid");
  EXPECT_TRUE(f->has("empty"));
  EXPECT_FALSE(f->has("missing"));
}

TEST(IssuerForm, RejectsRepeatedParameters) {
  auto f = parse_form("resource=https%3A%2F%2Fa&resource=https%3A%2F%2Fb");
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().code, errc::invalid_request);
}

TEST(IssuerForm, RejectsMalformedEncodingAndTooManyParameters) {
  EXPECT_FALSE(parse_form("a=%zz").has_value());
  EXPECT_FALSE(parse_form("a=1&b=2&c=3", form_limits{2}).has_value());
}

TEST(IssuerForm, EncodesRoundTrip) {
  const std::string body =
      encode_form({{"redirect_uri", "http://localhost:1/cb?x=1&y"}, {"scope", "a b"}});
  auto f = parse_form(body);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->value("redirect_uri"), "http://localhost:1/cb?x=1&y");
  EXPECT_EQ(f->value("scope"), "a b");
}

TEST(IssuerForm, ParsesBasicCredentials) {
  // "my%20id:s3cr%3At" in base64: both halves are form-encoded first (RFC 6749 §2.3.1).
  auto c = parse_basic_auth("Basic bXklMjBpZDpzM2NyJTNBdA==");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->first, "my id");
  EXPECT_EQ(c->second, "s3cr:t");
  EXPECT_FALSE(parse_basic_auth("Bearer abc").has_value());
  EXPECT_FALSE(parse_basic_auth("Basic !!!").has_value());
  EXPECT_FALSE(parse_basic_auth("Basic bm9jb2xvbg==").has_value());  // "nocolon"
}

TEST(IssuerForm, BuildsBasicCredentialsThatParseBack) {
  EXPECT_EQ(basic_credentials("mcpgate-service", "mcpgate-dev-secret"),
            "Basic bWNwZ2F0ZS1zZXJ2aWNlOm1jcGdhdGUtZGV2LXNlY3JldA==");
  for (auto [id, secret] : {std::pair{"a", "b"}, std::pair{"my id", "s3cr:t/+"},
                            std::pair{"ab", "c"}, std::pair{"abc", "de"}}) {
    auto back = parse_basic_auth(basic_credentials(id, secret));
    ASSERT_TRUE(back.has_value()) << id;
    EXPECT_EQ(back->first, id);
    EXPECT_EQ(back->second, secret);
  }
}

TEST(IssuerUserCode, IsFormattedAndNormalised) {
  system_random rnd;
  const std::string code = random_user_code(rnd);
  ASSERT_EQ(code.size(), 9u);
  EXPECT_EQ(code[4], '-');
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i != 4) {
      EXPECT_NE(std::string_view{"BCDFGHJKLMNPQRSTVWXZ"}.find(code[i]), std::string_view::npos);
    }
  }
  EXPECT_EQ(normalize_user_code("bcdf-ghjk"), "BCDFGHJK");
  EXPECT_EQ(normalize_user_code(" BCDF GHJK "), "BCDFGHJK");
}

}  // namespace
}  // namespace mcpgate::issuer
