#include "issuer/clients.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

namespace bj = boost::json;

bj::object meta(std::string_view text) {
  return json::parse(text).value().as_object();
}

class IssuerRegistration : public ::testing::Test {
 protected:
  oauth_result<client> reg(std::string_view text) {
    return register_client(meta(text), rnd_, 1000);
  }
  system_random rnd_;
};

TEST_F(IssuerRegistration, RegistersAPublicClientAsMcpClientsDo) {
  auto c = reg(R"({"client_name":"Inspector","redirect_uris":["http://localhost:6274/cb"],
                   "grant_types":["authorization_code","refresh_token"],
                   "response_types":["code"],"token_endpoint_auth_method":"none"})");
  ASSERT_TRUE(c.has_value()) << c.error().description;
  EXPECT_TRUE(c->is_public());
  EXPECT_TRUE(c->secret.empty());
  EXPECT_FALSE(c->id.empty());
  EXPECT_TRUE(c->allows_grant(grant_refresh_token));
  const auto out = registration_response(*c);
  EXPECT_EQ(out.at("client_id").as_string(), c->id);
  EXPECT_FALSE(out.contains("client_secret"));
  EXPECT_EQ(out.at("token_endpoint_auth_method").as_string(), "none");
  EXPECT_EQ(out.at("client_id_issued_at").as_int64(), 1000);
}

TEST_F(IssuerRegistration, DefaultsToAConfidentialClientWithASecret) {
  auto c = reg(R"({"redirect_uris":["https://app.example/cb"]})");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->method, auth_method::client_secret_basic);
  EXPECT_GE(c->secret.size(), 40u);
  EXPECT_TRUE(c->allows_grant(grant_authorization_code));
  EXPECT_EQ(registration_response(*c).at("client_secret").as_string(), c->secret);
}

TEST_F(IssuerRegistration, RejectsRedirectUrisItWouldNotTrust) {
  for (auto bad : {R"({"redirect_uris":["http://evil.example/cb"]})",
                   R"({"redirect_uris":["https://app.example/cb#frag"]})",
                   R"({"redirect_uris":["javascript:void"]})", R"({"redirect_uris":["/cb"]})",
                   R"({"redirect_uris":"https://app.example/cb"})"}) {
    auto c = reg(bad);
    ASSERT_FALSE(c.has_value()) << bad;
    EXPECT_EQ(c.error().code, errc::invalid_redirect_uri) << bad;
  }
  EXPECT_TRUE(reg(R"({"redirect_uris":["http://127.0.0.1:9/cb","http://[::1]/cb",
                                        "com.example.app:/cb"]})")
                  .has_value());
}

TEST_F(IssuerRegistration, RejectsMetadataItCannotHonour) {
  auto no_uri = reg(R"({"grant_types":["authorization_code"]})");
  ASSERT_FALSE(no_uri.has_value());
  EXPECT_EQ(no_uri.error().code, errc::invalid_redirect_uri);
  for (
      auto bad :
      {R"({"token_endpoint_auth_method":"private_key_jwt","redirect_uris":["https://a.example/"]})",
       R"({"grant_types":["password"],"redirect_uris":["https://a.example/"]})",
       R"({"grant_types":["client_credentials"],"token_endpoint_auth_method":"none"})",
       R"({"response_types":["token"],"redirect_uris":["https://a.example/"]})"}) {
    auto c = reg(bad);
    ASSERT_FALSE(c.has_value()) << bad;
    EXPECT_EQ(c.error().code, errc::invalid_client_metadata) << bad;
  }
  EXPECT_TRUE(reg(R"({"grant_types":["client_credentials"],"scope":"files:read"})").has_value());
}

TEST(IssuerClientRegistry, AuthenticatesByMethod) {
  client_registry reg{default_clients(), registration_limits{.max_clients = 3}};
  EXPECT_TRUE(reg.authenticate({"mcpgate-cli", std::nullopt, false}).has_value());
  EXPECT_FALSE(reg.authenticate({"mcpgate-cli", std::string{"x"}, false}).has_value());
  EXPECT_TRUE(
      reg.authenticate({"mcpgate-service", std::string{"mcpgate-dev-secret"}, true}).has_value());
  auto wrong = reg.authenticate({"mcpgate-service", std::string{"mcpgate-dev-secreT"}, false});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, errc::invalid_client);
  EXPECT_FALSE(reg.authenticate({"mcpgate-service", std::nullopt, false}).has_value());
  EXPECT_FALSE(reg.authenticate({"nobody", std::nullopt, false}).has_value());

  client extra;
  extra.id = "extra";
  EXPECT_TRUE(reg.add(extra).has_value());
  client more;
  more.id = "more";
  auto full = reg.add(more);
  ASSERT_FALSE(full.has_value());
  EXPECT_EQ(full.error().code, errc::temporarily_unavailable);
}

}  // namespace
}  // namespace mcpgate::issuer
