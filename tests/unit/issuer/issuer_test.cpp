// The issuer's endpoints driven through handle(), without sockets: every flow from its first
// request to a token that verifies against the issuer's own JWKS.
#include "issuer/issuer.hpp"
#include "issuer/pkce.hpp"

#include "jose/key_set.hpp"
#include "jose/verifier.hpp"
#include "json/strict.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

namespace mcpgate::issuer {
namespace {

namespace bj = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view base = "http://127.0.0.1:3001";
constexpr std::string_view api = "https://mcp-oauth-demo";
constexpr std::string_view verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

class IssuerEndpoints : public ::testing::Test {
 protected:
  IssuerEndpoints()
      : clock_{core::manual_clock::at_unix(1'700'000'000)},
        iss_{options(), jose::signing_key::generate(jose::alg::es256, "dev-1").value(), clock_} {}

  static issuer_options options() {
    issuer_options o;
    o.public_url = std::string{base};
    o.default_audience = std::string{api};
    return o;
  }

  http::response send(http::verb method, std::string target, std::string body = {},
                      std::string_view content_type = "application/x-www-form-urlencoded",
                      std::string_view authorization = {}) {
    http::request req{method, target, 11};
    if (!body.empty()) {
      req.set(http::field::content_type, content_type);
    }
    if (!authorization.empty()) {
      req.set(http::field::authorization, authorization);
    }
    req.body() = std::move(body);
    req.prepare_payload();
    return iss_.handle(req);
  }

  http::response post(std::string target,
                      const std::vector<std::pair<std::string, std::string>>& params) {
    return send(http::verb::post, std::move(target), encode_form(params));
  }

  static bj::object json_of(const http::response& res) {
    auto doc = json::parse(res.body());
    EXPECT_TRUE(doc.has_value()) << res.body();
    return doc && doc->is_object() ? doc->as_object() : bj::object{};
  }

  // Verifies an access token with the issuer's JWKS as the gateway would.
  bj::object verify(std::string_view token, std::string_view audience = api) {
    auto keys = jose::key_set::parse(bj::serialize(iss_.jwks())).value();
    jose::verify_options opt;
    opt.claims.issuer = std::string{base} + "/";
    opt.claims.audiences = {std::string{audience}};
    auto v = jose::verify_jwt(token, keys, opt, clock_);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message());
    if (!v) {
      return {};
    }
    EXPECT_EQ(v->header.kid, "dev-1");
    EXPECT_EQ(v->header.typ, "at+jwt");
    return v->claims;
  }

  static std::string location_param(const http::response& res, std::string_view name) {
    const std::string location{res[http::field::location]};
    const auto q = location.find('?');
    auto f = parse_form(q == std::string::npos ? "" : std::string_view{location}.substr(q + 1));
    return f ? std::string{f->value(name)} : std::string{};
  }

  core::manual_clock clock_;
  issuer iss_;
};

TEST_F(IssuerEndpoints, PublishesDiscoveryAndKeys) {
  for (auto path :
       {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
    auto res = send(http::verb::get, path);
    ASSERT_EQ(res.result(), http::status::ok) << path;
    auto m = json_of(res);
    EXPECT_EQ(m.at("issuer").as_string(), "http://127.0.0.1:3001/");
    EXPECT_EQ(m.at("token_endpoint").as_string(), "http://127.0.0.1:3001/oauth/token");
    EXPECT_EQ(m.at("device_authorization_endpoint").as_string(),
              "http://127.0.0.1:3001/oauth/device/code");
    EXPECT_EQ(m.at("registration_endpoint").as_string(), "http://127.0.0.1:3001/oidc/register");
    EXPECT_EQ(m.at("code_challenge_methods_supported").as_array(), bj::array{"S256"});
    EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
  }
  auto jwks = json_of(send(http::verb::get, "/.well-known/jwks.json"));
  ASSERT_EQ(jwks.at("keys").as_array().size(), 1u);
  EXPECT_EQ(jwks.at("keys").as_array()[0].as_object().at("kid").as_string(), "dev-1");
  EXPECT_FALSE(jwks.at("keys").as_array()[0].as_object().contains("d"));
  EXPECT_EQ(send(http::verb::get, "/nope").result(), http::status::not_found);
  EXPECT_EQ(send(http::verb::options, "/oauth/token").result(), http::status::no_content);
}

TEST_F(IssuerEndpoints, ClientCredentialsLikeAuth0) {
  auto res = post("/oauth/token", {{"grant_type", "client_credentials"},
                                   {"client_id", "mcpgate-service"},
                                   {"client_secret", "mcpgate-dev-secret"},
                                   {"audience", std::string{api}},
                                   {"scope", "files:read unknown:scope"}});
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::cache_control], "no-store");
  auto body = json_of(res);
  EXPECT_EQ(body.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 3600);
  EXPECT_FALSE(body.contains("refresh_token"));
  auto claims = verify(body.at("access_token").as_string());
  EXPECT_EQ(claims.at("sub").as_string(), "mcpgate-service@clients");
  EXPECT_EQ(claims.at("gty").as_string(), "client-credentials");
  EXPECT_EQ(claims.at("scope").as_string(), "files:read");
  EXPECT_EQ(claims.at("permissions").as_array(), bj::array{"files:read"});
  EXPECT_EQ(claims.at("exp").as_int64() - claims.at("iat").as_int64(), 3600);
}

TEST_F(IssuerEndpoints, ClientCredentialsWithBasicAndResource) {
  // base64("mcpgate-service:mcpgate-dev-secret")
  auto res = send(http::verb::post, "/oauth/token",
                  "grant_type=client_credentials&resource=http%3A%2F%2Flocalhost%3A3000%2Fmcp",
                  "application/x-www-form-urlencoded",
                  "Basic bWNwZ2F0ZS1zZXJ2aWNlOm1jcGdhdGUtZGV2LXNlY3JldA==");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  auto claims = verify(json_of(res).at("access_token").as_string(), "http://localhost:3000/mcp");
  EXPECT_EQ(claims.at("aud").as_string(), "http://localhost:3000/mcp");
  EXPECT_EQ(claims.at("scope").as_string(), "files:read files:delete");
}

TEST_F(IssuerEndpoints, TokenErrorsFollowRfc6749) {
  auto bad_secret = post("/oauth/token", {{"grant_type", "client_credentials"},
                                          {"client_id", "mcpgate-service"},
                                          {"client_secret", "wrong"}});
  EXPECT_EQ(bad_secret.result(), http::status::unauthorized);
  EXPECT_EQ(json_of(bad_secret).at("error").as_string(), "invalid_client");

  auto public_cc =
      post("/oauth/token", {{"grant_type", "client_credentials"}, {"client_id", "mcpgate-cli"}});
  EXPECT_EQ(json_of(public_cc).at("error").as_string(), "unauthorized_client");

  auto password = post("/oauth/token", {{"grant_type", "password"}, {"client_id", "mcpgate-cli"}});
  EXPECT_EQ(json_of(password).at("error").as_string(), "unsupported_grant_type");

  auto target = post("/oauth/token", {{"grant_type", "client_credentials"},
                                      {"client_id", "mcpgate-service"},
                                      {"client_secret", "mcpgate-dev-secret"},
                                      {"resource", "https://a.example"},
                                      {"audience", "https://b.example"}});
  EXPECT_EQ(target.result(), http::status::bad_request);
  EXPECT_EQ(json_of(target).at("error").as_string(), "invalid_target");

  auto twice = send(http::verb::post, "/oauth/token",
                    "grant_type=client_credentials&grant_type=client_credentials&client_id=x");
  EXPECT_EQ(json_of(twice).at("error").as_string(), "invalid_request");

  auto json_body = send(http::verb::post, "/oauth/token", "{}", "application/json");
  EXPECT_EQ(json_of(json_body).at("error").as_string(), "invalid_request");
}

TEST_F(IssuerEndpoints, DeviceFlowThroughThePage) {
  auto start = post("/oauth/device/code",
                    {{"client_id", "mcpgate-cli"}, {"scope", "openid files:read files:delete"}});
  ASSERT_EQ(start.result(), http::status::ok) << start.body();
  auto d = json_of(start);
  const std::string device_code{d.at("device_code").as_string()};
  const std::string user_code{d.at("user_code").as_string()};
  EXPECT_EQ(d.at("verification_uri").as_string(), "http://127.0.0.1:3001/activate");
  EXPECT_EQ(d.at("verification_uri_complete").as_string(),
            "http://127.0.0.1:3001/activate?user_code=" + user_code);
  EXPECT_EQ(d.at("interval").as_int64(), 5);

  const std::vector<std::pair<std::string, std::string>> poll{
      {"grant_type", std::string{grant_device_code}},
      {"client_id", "mcpgate-cli"},
      {"device_code", device_code}};
  EXPECT_EQ(json_of(post("/oauth/token", poll)).at("error").as_string(), "authorization_pending");
  EXPECT_EQ(json_of(post("/oauth/token", poll)).at("error").as_string(), "slow_down");

  auto entry = send(http::verb::get, "/activate");
  EXPECT_THAT(entry.body(), HasSubstr("Enter the code shown on your device"));
  auto wrong = send(http::verb::get, "/activate?user_code=BBBB-BBBB");
  EXPECT_THAT(wrong.body(), HasSubstr("not valid or has expired"));
  auto choice = send(http::verb::get, "/activate?user_code=" + user_code);
  ASSERT_EQ(choice.result(), http::status::ok);
  EXPECT_THAT(choice.body(), HasSubstr(user_code));
  EXPECT_THAT(choice.body(), HasSubstr("id=\"user-reader\""));
  EXPECT_THAT(choice.body(), HasSubstr("files:read files:delete"));
  EXPECT_EQ(choice[http::field::content_type], "text/html; charset=utf-8");

  auto done = post("/activate", {{"user_code", user_code}, {"user", "reader"}});
  EXPECT_THAT(done.body(), HasSubstr("Device approved"));

  clock_.advance(std::chrono::seconds{10});
  auto token = post("/oauth/token", poll);
  ASSERT_EQ(token.result(), http::status::ok) << token.body();
  auto body = json_of(token);
  EXPECT_EQ(body.at("scope").as_string(), "openid files:read");
  auto claims = verify(body.at("access_token").as_string());
  EXPECT_EQ(claims.at("iss").as_string(), "http://127.0.0.1:3001/");
  EXPECT_EQ(claims.at("sub").as_string(), "dev|reader");
  EXPECT_EQ(claims.at("azp").as_string(), "mcpgate-cli");
  EXPECT_EQ(claims.at("permissions").as_array(), bj::array{"files:read"});
  EXPECT_EQ(claims.at("https://mcp-demo/roles").as_array(), bj::array{});

  // Refresh with rotation; the old refresh token is dead afterwards.
  const std::string refresh{body.at("refresh_token").as_string()};
  const std::vector<std::pair<std::string, std::string>> refresh_req{
      {"grant_type", "refresh_token"}, {"client_id", "mcpgate-cli"}, {"refresh_token", refresh}};
  auto refreshed = post("/oauth/token", refresh_req);
  ASSERT_EQ(refreshed.result(), http::status::ok) << refreshed.body();
  EXPECT_NE(json_of(refreshed).at("refresh_token").as_string(), refresh);
  verify(json_of(refreshed).at("access_token").as_string());
  EXPECT_EQ(json_of(post("/oauth/token", refresh_req)).at("error").as_string(), "invalid_grant");
}

TEST_F(IssuerEndpoints, DeviceFlowDenied) {
  auto d = json_of(post("/oauth/device/code", {{"client_id", "mcpgate-cli"}}));
  const std::string user_code{d.at("user_code").as_string()};
  auto done = post("/activate", {{"user_code", user_code}, {"action", "deny"}});
  EXPECT_THAT(done.body(), HasSubstr("Request denied"));
  auto token =
      post("/oauth/token", {{"grant_type", std::string{grant_device_code}},
                            {"client_id", "mcpgate-cli"},
                            {"device_code", std::string{d.at("device_code").as_string()}}});
  EXPECT_EQ(json_of(token).at("error").as_string(), "access_denied");
}

TEST_F(IssuerEndpoints, AuthorizationCodeWithRegistrationAndPkce) {
  const std::string redirect = "http://localhost:8090/callback";
  auto reg = send(http::verb::post, "/oidc/register",
                  R"({"client_name":"Test MCP client","redirect_uris":[")" + redirect +
                      R"("],"grant_types":["authorization_code","refresh_token"],)"
                      R"("token_endpoint_auth_method":"none"})",
                  "application/json");
  ASSERT_EQ(reg.result(), http::status::created) << reg.body();
  const std::string client_id{json_of(reg).at("client_id").as_string()};

  const std::string challenge = s256_challenge(verifier);
  const std::string query = encode_form({{"response_type", "code"},
                                         {"client_id", client_id},
                                         {"redirect_uri", redirect},
                                         {"state", "xyz"},
                                         {"code_challenge", challenge},
                                         {"code_challenge_method", "S256"},
                                         {"resource", "http://localhost:3000/mcp"}});
  auto page = send(http::verb::get, "/authorize?" + query);
  ASSERT_EQ(page.result(), http::status::ok) << page.body();
  EXPECT_THAT(page.body(), HasSubstr("Sign in to Test MCP client"));
  EXPECT_THAT(page.body(), HasSubstr("id=\"user-admin\""));

  auto approved = send(http::verb::post, "/authorize", query + "&user=admin");
  ASSERT_EQ(approved.result(), http::status::found);
  EXPECT_THAT(std::string{approved[http::field::location]}, StartsWith(redirect + "?code="));
  EXPECT_EQ(location_param(approved, "state"), "xyz");
  const std::string code = location_param(approved, "code");

  const std::vector<std::pair<std::string, std::string>> exchange{
      {"grant_type", "authorization_code"},
      {"client_id", client_id},
      {"code", code},
      {"redirect_uri", redirect},
      {"code_verifier", std::string{verifier}}};
  auto token = post("/oauth/token", exchange);
  ASSERT_EQ(token.result(), http::status::ok) << token.body();
  auto claims = verify(json_of(token).at("access_token").as_string(), "http://localhost:3000/mcp");
  EXPECT_EQ(claims.at("sub").as_string(), "dev|admin");
  EXPECT_EQ(claims.at("scope").as_string(), "files:read files:delete");
  EXPECT_EQ(claims.at("https://mcp-demo/roles").as_array(), bj::array{"admin"});
  EXPECT_TRUE(json_of(token).contains("refresh_token"));
  // Single use.
  EXPECT_EQ(json_of(post("/oauth/token", exchange)).at("error").as_string(), "invalid_grant");
}

TEST_F(IssuerEndpoints, AuthorizeNeverRedirectsToAnUnregisteredUri) {
  const std::string challenge = s256_challenge(verifier);
  auto evil = send(http::verb::get,
                   "/authorize?" + encode_form({{"response_type", "code"},
                                                {"client_id", "mcpgate-cli"},
                                                {"redirect_uri", "https://evil.example/cb"},
                                                {"code_challenge", challenge},
                                                {"code_challenge_method", "S256"}}));
  EXPECT_EQ(evil.result(), http::status::bad_request);
  EXPECT_TRUE(evil[http::field::location].empty());

  // Without PKCE the error goes back to the (registered) client.
  auto no_pkce =
      send(http::verb::get,
           "/authorize?" + encode_form({{"response_type", "code"},
                                        {"client_id", "mcpgate-cli"},
                                        {"redirect_uri", "http://localhost:6274/oauth/callback"},
                                        {"state", "s1"}}));
  ASSERT_EQ(no_pkce.result(), http::status::found);
  EXPECT_EQ(location_param(no_pkce, "error"), "invalid_request");
  EXPECT_EQ(location_param(no_pkce, "state"), "s1");

  auto denied = send(http::verb::post, "/authorize",
                     encode_form({{"response_type", "code"},
                                  {"client_id", "mcpgate-cli"},
                                  {"redirect_uri", "http://localhost:6274/oauth/callback"},
                                  {"code_challenge", challenge},
                                  {"code_challenge_method", "S256"},
                                  {"action", "deny"}}));
  ASSERT_EQ(denied.result(), http::status::found);
  EXPECT_EQ(location_param(denied, "error"), "access_denied");
}

TEST_F(IssuerEndpoints, RegistrationErrorsAreJson) {
  auto res = send(http::verb::post, "/oidc/register",
                  R"({"redirect_uris":["http://evil.example/cb"]})", "application/json");
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_EQ(json_of(res).at("error").as_string(), "invalid_redirect_uri");
  auto dup = send(http::verb::post, "/oidc/register", R"({"a":1,"a":2})", "application/json");
  EXPECT_EQ(json_of(dup).at("error").as_string(), "invalid_client_metadata");
}

TEST_F(IssuerEndpoints, MintsForDemoUsers) {
  auto admin = iss_.mint_for_user("admin");
  ASSERT_TRUE(admin.has_value());
  auto claims = verify(admin->access_token);
  EXPECT_EQ(claims.at("scope").as_string(), "files:read files:delete");
  auto basic = iss_.mint_for_user("basic");
  ASSERT_TRUE(basic.has_value());
  EXPECT_FALSE(verify(basic->access_token).contains("scope"));
  auto narrowed = iss_.mint_for_user("admin", "https://other.example", "files:read");
  ASSERT_TRUE(narrowed.has_value());
  EXPECT_EQ(verify(narrowed->access_token, "https://other.example").at("permissions").as_array(),
            bj::array{"files:read"});
  EXPECT_FALSE(iss_.mint_for_user("nobody").has_value());
}

}  // namespace
}  // namespace mcpgate::issuer
