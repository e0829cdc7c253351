#include "gateway/jwks_fetcher.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

TEST(jwks_fetcher, plain_http_only_to_loopback_or_when_allowed) {
  jwks_fetch_options opt;
  EXPECT_FALSE(check_fetch_url(http::parse_url("https://tenant.auth0.com/x").value(), opt));
  EXPECT_FALSE(check_fetch_url(http::parse_url("http://127.0.0.1:8080/jwks").value(), opt));
  EXPECT_FALSE(check_fetch_url(http::parse_url("http://localhost/jwks").value(), opt));
  EXPECT_EQ(check_fetch_url(http::parse_url("http://issuer.internal/jwks").value(), opt),
            fetch_errc::insecure_url);
  opt.allow_plain_http = true;
  EXPECT_FALSE(check_fetch_url(http::parse_url("http://issuer.internal/jwks").value(), opt));
}

TEST(jwks_fetcher, discovery_urls_follow_oidc_and_rfc8414) {
  auto urls = discovery_urls("https://tenant.auth0.com/").value();
  ASSERT_EQ(urls.size(), 2U);
  EXPECT_EQ(urls[0], "https://tenant.auth0.com/.well-known/openid-configuration");
  EXPECT_EQ(urls[1], "https://tenant.auth0.com/.well-known/oauth-authorization-server");
  urls = discovery_urls("https://login.example:8443/tenant/v2").value();
  EXPECT_EQ(urls[0], "https://login.example:8443/tenant/v2/.well-known/openid-configuration");
  EXPECT_EQ(urls[1], "https://login.example:8443/.well-known/oauth-authorization-server/tenant/v2");
}

TEST(jwks_fetcher, metadata_issuer_must_match) {
  const std::string doc =
      R"({"issuer":"https://tenant.auth0.com/","jwks_uri":"https://tenant.auth0.com/.well-known/jwks.json"})";
  EXPECT_EQ(jwks_uri_from_metadata(doc, "https://tenant.auth0.com/").value(),
            "https://tenant.auth0.com/.well-known/jwks.json");
  EXPECT_EQ(jwks_uri_from_metadata(doc, "https://tenant.auth0.com").error(),
            fetch_errc::issuer_mismatch);
  EXPECT_EQ(jwks_uri_from_metadata(R"({"issuer":"i"})", "i").error(), fetch_errc::bad_metadata);
  EXPECT_EQ(jwks_uri_from_metadata(R"({"issuer":"i","issuer":"i","jwks_uri":"u"})", "i").error(),
            fetch_errc::bad_metadata);
}

TEST(jwks_fetcher, redirects_and_errors_are_refused_max_age_is_read) {
  http::response redirect{http::status::found, 11};
  redirect.set(http::field::location, "https://elsewhere/jwks");
  EXPECT_EQ(interpret_response(redirect).error(), fetch_errc::redirect);
  http::response missing{http::status::not_found, 11};
  EXPECT_EQ(interpret_response(missing).error(), fetch_errc::http_status);
  http::response ok{http::status::ok, 11};
  ok.set(http::field::cache_control, "public, max-age=900");
  ok.body() = R"({"keys":[]})";
  auto doc = interpret_response(ok);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->max_age, std::chrono::seconds{900});
  EXPECT_EQ(doc->body, R"({"keys":[]})");
}

}  // namespace
}  // namespace mcpgate::gateway
