#include "config/load.hpp"
#include "config/policy_merge.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mcpgate::config {
namespace {

using test::auth0_env;
using test::data_dir;
using test::error_of;
using ::testing::HasSubstr;

gateway_config load_text(const std::string& text, const env_lookup& env = auth0_env()) {
  return load_config_text(text, "gateway.yaml", env, {}, data_dir());
}

TEST(LoadConfig, FullNativeFileWithReferencePolicy) {
  const auto cfg = load_config(data_dir() / "gateway.yaml", auth0_env());
  ASSERT_EQ(cfg.listeners.size(), 2u);
  EXPECT_EQ(cfg.listeners[0].address, "0.0.0.0");
  EXPECT_EQ(cfg.listeners[0].port, 3000);
  EXPECT_EQ(cfg.listeners[1].address, "::1");
  EXPECT_EQ(cfg.listeners[1].port, 3001);
  EXPECT_EQ(cfg.public_url, "https://mcp.example.com");
  ASSERT_EQ(cfg.backends.size(), 1u);
  EXPECT_EQ(cfg.backends[0].name, "demo");
  EXPECT_EQ(cfg.backends[0].url, "http://127.0.0.1:8000");
  EXPECT_EQ(cfg.backends[0].routes, std::vector<std::string>{"/mcp"});
  EXPECT_EQ(cfg.admin.port, 9902);
  EXPECT_EQ(cfg.limits.max_header_bytes, 32u * 1024);
  EXPECT_EQ(cfg.limits.max_body_bytes, 1u << 20);
  EXPECT_EQ(cfg.limits.max_json_depth, 32u);
  EXPECT_EQ(cfg.limits.max_connections, 500u);
  EXPECT_EQ(cfg.limits.max_token_bytes, 4096u);
  EXPECT_EQ(cfg.timeouts.connect, std::chrono::seconds{2});
  EXPECT_EQ(cfg.timeouts.response, std::chrono::seconds{90});
  EXPECT_EQ(cfg.timeouts.idle, std::chrono::milliseconds{250});
  EXPECT_EQ(cfg.logging.format, log_format::json);
  EXPECT_EQ(cfg.logging.level, log_level::debug);
  EXPECT_FALSE(cfg.logging.access_log);
  EXPECT_EQ(cfg.workers, 2u);
  EXPECT_TRUE(cfg.forward_token);
  EXPECT_EQ(cfg.on_deny, on_deny::forbidden);
  EXPECT_EQ(cfg.identity.ttl, std::chrono::seconds{30});
  EXPECT_EQ(cfg.identity.audience, "demo-server");
  EXPECT_EQ(cfg.identity.key_file, "keys/identity.pem");
  ASSERT_EQ(cfg.policy_files.size(), 1u);
  EXPECT_EQ(cfg.policy_files[0].filename(), "reference-auth0-policy.yaml");
  ASSERT_EQ(cfg.watched_files.size(), 2u);
  EXPECT_EQ(cfg.watched_files[0].filename(), "gateway.yaml");

  ASSERT_TRUE(cfg.policy.jwt);
  const auto& remote = std::get<remote_jwks>(cfg.policy.jwt->providers[0].jwks);
  // backendRef {name: auth0-jwks, namespace: agentgateway-system, port: 8443} resolved through
  // backendHosts; the Service port does not leak into the URL.
  EXPECT_EQ(remote.resolved_url, "https://tenant.us.auth0.com/.well-known/jwks.json");
  ASSERT_EQ(cfg.policy.authorizations.size(), 1u);
  EXPECT_EQ(cfg.policy.authorizations[0].expressions.size(), 5u);
  EXPECT_TRUE(cfg.policy.cors);
}

TEST(LoadConfig, Defaults) {
  const auto cfg = load_text("backends: [{name: b, url: 'http://localhost:8000'}]\n");
  ASSERT_EQ(cfg.listeners.size(), 1u);
  EXPECT_EQ(cfg.listeners[0].address, "0.0.0.0");
  EXPECT_EQ(cfg.listeners[0].port, 3000);
  EXPECT_EQ(cfg.backends[0].routes, std::vector<std::string>{"/mcp"});
  EXPECT_TRUE(cfg.admin.enabled);
  EXPECT_EQ(cfg.admin.address, "127.0.0.1");
  EXPECT_EQ(cfg.admin.port, 9901);
  EXPECT_EQ(cfg.limits.max_header_bytes, 16u * 1024);
  EXPECT_EQ(cfg.limits.max_body_bytes, 4u << 20);
  EXPECT_EQ(cfg.limits.max_json_depth, 64u);
  EXPECT_EQ(cfg.timeouts.connect, std::chrono::seconds{5});
  EXPECT_EQ(cfg.timeouts.header_read, std::chrono::seconds{10});
  EXPECT_EQ(cfg.logging.format, log_format::text);
  EXPECT_EQ(cfg.logging.level, log_level::info);
  EXPECT_TRUE(cfg.logging.access_log);
  EXPECT_EQ(cfg.workers, 0u);
  EXPECT_FALSE(cfg.forward_token);
  EXPECT_EQ(cfg.on_deny, on_deny::unknown_tool);
  EXPECT_TRUE(cfg.identity.enabled);
  EXPECT_EQ(cfg.identity.header, "X-Mcpgate-Identity");
  EXPECT_TRUE(cfg.identity.key_file.empty());
  EXPECT_TRUE(cfg.public_url.empty());
  EXPECT_TRUE(cfg.policy.empty());
}

TEST(LoadConfig, PlainHttpJwksHostsAreExplicitAndNormalised) {
  EXPECT_TRUE(load_text("backends: [{name: b, url: 'http://localhost:8000'}]\n")
                  .jwks.allow_plain_http_hosts.empty());
  const auto cfg = load_text(
      "backends: [{name: b, url: 'http://localhost:8000'}]\n"
      "jwks:\n"
      "  allowPlainHttpHosts: [Issuer.MCPGATE.svc.cluster.local, 10.0.0.7, '[fd00::1]', "
      "'fd00::2']\n");
  EXPECT_EQ(cfg.jwks.allow_plain_http_hosts,
            (std::vector<std::string>{"issuer.mcpgate.svc.cluster.local", "10.0.0.7", "fd00::1",
                                      "fd00::2"}));
}

TEST(LoadConfig, InlinePolicyAndEmbeddedDocumentsMerge) {
  const auto cfg = load_text(
      "backends: [{name: b, url: 'http://localhost:8000'}]\n"
      "policy:\n"
      "  backend:\n"
      "    mcp:\n"
      "      authorization:\n"
      "        action: Require\n"
      "        policy: {matchExpressions: ['has(jwt.sub)']}\n"
      "---\n"
      "apiVersion: agentgateway.dev/v1alpha1\n"
      "kind: AgentgatewayPolicy\n"
      "metadata: {name: extra}\n"
      "spec:\n"
      "  backend:\n"
      "    mcp:\n"
      "      authorization:\n"
      "        policy: {matchExpressions: ['true']}\n");
  ASSERT_EQ(cfg.policy_documents.size(), 2u);
  ASSERT_EQ(cfg.policy.authorizations.size(), 2u);
  EXPECT_EQ(cfg.policy.authorizations[0].action, rule_action::require);
  EXPECT_EQ(cfg.policy.authorizations[0].expressions[0].where.line, 7);
  EXPECT_EQ(cfg.policy.authorizations[1].action, rule_action::allow);
  EXPECT_EQ(cfg.policy.authorizations[1].expressions[0].where.line, 16);
}

TEST(LoadConfig, BackendRefResolvesByNameWithExplicitPortAndPrefix) {
  const auto cfg = load_text(
      "backends: [{name: b, url: 'http://localhost:8000'}]\n"
      "backendHosts: {auth0-jwks: 'http://127.0.0.1:9000/proxy/'}\n"
      "policyFiles: [reference-auth0-policy.yaml]\n");
  const auto& remote = std::get<remote_jwks>(cfg.policy.jwt->providers[0].jwks);
  EXPECT_EQ(remote.resolved_url, "http://127.0.0.1:9000/proxy/.well-known/jwks.json");
}

TEST(LoadConfig, BackendRefWithoutHostIsAnError) {
  EXPECT_THAT(error_of([] {
                load_text(
                    "backends: [{name: b, url: 'http://localhost:8000'}]\n"
                    "policyFiles: [reference-auth0-policy.yaml]\n");
              }),
              HasSubstr("reference-auth0-policy.yaml:35:17: jwks.remote.backendRef: backend "
                        "\"auth0-jwks\" has no entry in backendHosts"));
}

TEST(LoadConfig, PolicyFileErrorsNameThePolicyFile) {
  EXPECT_THAT(error_of([] {
                load_text(
                    "backends: [{name: b, url: 'http://localhost:8000'}]\n"
                    "policyFiles: [reference-auth0-policy.yaml]\n",
                    map_environment({}));
              }),
              HasSubstr("reference-auth0-policy.yaml:28:19: "
                        "spec.traffic.jwtAuthentication.providers[0].issuer: environment "
                        "variable AUTH0_DOMAIN is not set"));
  EXPECT_THAT(error_of([] {
                load_text(
                    "backends: [{name: b, url: 'http://localhost:8000'}]\n"
                    "policyFiles: [missing.yaml]\n");
              }),
              HasSubstr("missing.yaml: cannot read"));
}

struct bad_config {
  const char* name;
  std::string text;
  const char* expected;
};

void PrintTo(const bad_config& c, std::ostream* os) {
  *os << c.name;
}

class ConfigErrors : public ::testing::TestWithParam<bad_config> {};

TEST_P(ConfigErrors, NameFileLineAndField) {
  const auto& c = GetParam();
  EXPECT_THAT(error_of([&] { load_text(c.text); }), HasSubstr(c.expected)) << c.text;
}

const std::string ok_backend = "backends: [{name: b, url: 'http://localhost:8000'}]\n";

INSTANTIATE_TEST_SUITE_P(
    All, ConfigErrors,
    ::testing::Values(
        bad_config{"NoBackends", "workers: 1\n",
                   "gateway.yaml:1:1: backends: required field is missing"},
        bad_config{"UnknownTopLevel", ok_backend + "forwardTokens: true\n",
                   "gateway.yaml:2:1: forwardTokens: unknown field"},
        bad_config{"BackendUrl", "backends: [{name: b, url: 'localhost:8000'}]\n",
                   "gateway.yaml:1:27: backends[0].url: expected an absolute URL"},
        bad_config{"BackendUrlPort", "backends: [{name: b, url: 'http://x:0'}]\n",
                   "backends[0].url: URL port \"0\" is not in 1..65535"},
        bad_config{"BackendNameTwice",
                   "backends:\n  - {name: b, url: 'http://x'}\n  - {name: b, url: 'http://y', "
                   "routes: [/other]}\n",
                   "gateway.yaml:3:5: backends[1]: backend name \"b\" is already used at "
                   "gateway.yaml:2:5"},
        bad_config{"RouteTwice",
                   "backends:\n  - {name: a, url: 'http://x'}\n  - {name: b, url: 'http://y'}\n",
                   "backends[1]: route \"/mcp\" is already served by backend \"a\""},
        bad_config{"RouteNoSlash", "backends: [{name: b, url: 'http://x', routes: [mcp]}]\n",
                   "backends[0].routes[0]: a route is a path prefix beginning with '/'"},
        bad_config{"ListenerPort", ok_backend + "listeners: ['0.0.0.0:65536']\n",
                   "gateway.yaml:2:13: listeners[0]: port \"65536\" is not in 0..65535"},
        bad_config{"ListenerMapPort", ok_backend + "listeners: [{port: -1}]\n",
                   "listeners[0].port: expected a non-negative integer, got \"-1\""},
        bad_config{"PublicUrl", ok_backend + "publicUrl: mcp.example.com\n",
                   "gateway.yaml:2:12: publicUrl: expected an absolute URL"},
        bad_config{"Duration", ok_backend + "timeouts: {connect: 5}\n",
                   "gateway.yaml:2:21: timeouts.connect: expected a duration such as"},
        bad_config{"ZeroDuration", ok_backend + "timeouts: {idle: 0s}\n",
                   "timeouts.idle: must be greater than zero"},
        bad_config{"Size", ok_backend + "limits: {maxBodyBytes: 4MB}\n",
                   "limits.maxBodyBytes: expected a size such as \"65536\", \"16KiB\" or "
                   "\"4MiB\", got \"4MB\""},
        bad_config{"SizeTooSmall", ok_backend + "limits: {maxHeaderBytes: 10}\n",
                   "limits.maxHeaderBytes: must be at least 1024 bytes"},
        bad_config{"LimitTypo", ok_backend + "limits: {maxBodySize: 1MiB}\n",
                   "limits.maxBodySize: unknown field"},
        bad_config{"LogFormat", ok_backend + "logging: {format: JSON}\n",
                   "logging.format: expected one of text, json, got \"JSON\""},
        bad_config{"OnDeny", ok_backend + "onDeny: deny\n",
                   "onDeny: expected one of unknownTool, unknown_tool, forbidden"},
        bad_config{"Workers", ok_backend + "workers: 100000\n",
                   "workers: expected an integer in 0..1024"},
        bad_config{"IdentityTtl", ok_backend + "identity: {ttl: 2h}\n",
                   "identity.ttl: must be greater than zero and at most 1h"},
        bad_config{"IdentityHeader", ok_backend + "identity: {header: 'X Bad'}\n",
                   "identity.header: is not a valid HTTP header name"},
        bad_config{"IdentityHeaderReserved", ok_backend + "identity: {header: Content-Length}\n",
                   "identity.header: names a header HTTP or the gateway already uses"},
        bad_config{"PlainHttpHostUrl",
                   ok_backend + "jwks: {allowPlainHttpHosts: ['http://issuer']}\n",
                   "gateway.yaml:2:30: jwks.allowPlainHttpHosts[0]: expected a host name or IP "
                   "address without scheme, port or wildcard"},
        bad_config{"PlainHttpHostPort", ok_backend + "jwks: {allowPlainHttpHosts: ['issuer:80']}\n",
                   "jwks.allowPlainHttpHosts[0]: expected a host name"},
        bad_config{"PlainHttpHostWildcard", ok_backend + "jwks: {allowPlainHttpHosts: ['*']}\n",
                   "jwks.allowPlainHttpHosts[0]: expected a host name"},
        bad_config{"PlainHttpHostEmpty", ok_backend + "jwks: {allowPlainHttpHosts: ['']}\n",
                   "jwks.allowPlainHttpHosts[0]:"},
        bad_config{"PlainHttpBoolean", ok_backend + "jwks: {allowPlainHttp: true}\n",
                   "jwks.allowPlainHttp: unknown field"},
        bad_config{"BackendHostUrl", ok_backend + "backendHosts: {jwks: 'tenant.auth0.com'}\n",
                   "gateway.yaml:2:22: backendHosts.jwks: expected an absolute URL"},
        bad_config{"UnsetVariable", ok_backend + "publicUrl: 'https://${PUBLIC_HOST}'\n",
                   "gateway.yaml:2:12: publicUrl: environment variable PUBLIC_HOST is not set"},
        bad_config{"TwoNativeDocuments", ok_backend + "---\n" + ok_backend,
                   "gateway.yaml:3:1: a second native configuration document"},
        bad_config{"OnlyPolicies",
                   "apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\nspec:\n"
                   "  backend: {mcp: {authorization: {policy: {matchExpressions: ['true']}}}}\n",
                   "gateway.yaml: no native configuration document"},
        bad_config{"EmptyPolicySpec",
                   ok_backend + "---\napiVersion: agentgateway.dev/v1alpha1\n"
                                "kind: AgentgatewayPolicy\nspec:\n",
                   "spec: required field is missing"},
        bad_config{"EmptyPolicySection",
                   ok_backend + "---\napiVersion: agentgateway.dev/v1alpha1\n"
                                "kind: AgentgatewayPolicy\nspec:\n  traffic:\n",
                   "spec.traffic: is empty"},
        bad_config{"EmptyJwtSection",
                   ok_backend +
                       "---\napiVersion: agentgateway.dev/v1alpha1\n"
                       "kind: AgentgatewayPolicy\nspec:\n  traffic:\n    jwtAuthentication:\n",
                   "spec.traffic.jwtAuthentication: is empty"},
        bad_config{"InlinePolicyTypo", ok_backend + "policy:\n  traffic:\n    corss: {}\n",
                   "gateway.yaml:4:5: policy.traffic.corss: unknown field"},
        bad_config{"PolicyFileTwice", ok_backend + "policyFiles: [multi.yaml, ./multi.yaml]\n",
                   "policyFiles: \""},
        bad_config{"CorsTwice",
                   ok_backend + "policy: {traffic: {cors: {allowOrigins: [a]}}}\n---\n"
                                "apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\n"
                                "spec:\n  traffic:\n    cors: {allowOrigins: [b]}\n",
                   "gateway.yaml:8:11: spec.traffic.cors: CORS is already configured at "
                   "gateway.yaml:2:26"},
        bad_config{"ModeConflict",
                   ok_backend + "policyFiles: [multi.yaml]\npolicy:\n  traffic:\n"
                                "    jwtAuthentication:\n      mode: Strict\n"
                                "      providers: [{issuer: x, jwks: {inline: '{}'}}]\n",
                   "spec.traffic.jwtAuthentication.mode: mode Optional conflicts with mode "
                   "Strict at gateway.yaml:6:7"}),
    [](const auto& test_info) { return std::string{test_info.param.name}; });

TEST(MergePolicies, ConcatenatesProvidersAndTakesExplicitMode) {
  auto docs = load_policy_file(data_dir() / "multi.yaml", auth0_env());
  const auto merged = merge_policies(docs);
  ASSERT_TRUE(merged.jwt);
  EXPECT_EQ(merged.jwt->mode, jwt_mode::optional);
  ASSERT_EQ(merged.jwt->providers.size(), 2u);
  EXPECT_EQ(merged.jwt->providers[1].issuer, "mcpgate-dev");
  EXPECT_EQ(merged.authorizations.size(), 1u);
  EXPECT_FALSE(merged.cors);
}

TEST(MergePolicies, SameIssuerInTwoDocumentsIsAnError) {
  auto docs = load_policy_file(data_dir() / "multi.yaml", auth0_env());
  docs.push_back(docs[0]);
  EXPECT_THAT(error_of([&] { merge_policies(docs); }),
              HasSubstr("issuer \"https://issuer.example/\" is already configured at"));
}

TEST(ConfigFromFlags, SimpleCase) {
  const auto cfg = config_from_flags("127.0.0.1:8080", "http://localhost:8000/mcp",
                                     {data_dir() / "multi.yaml"}, 4, auth0_env());
  ASSERT_EQ(cfg.listeners.size(), 1u);
  EXPECT_EQ(cfg.listeners[0].address, "127.0.0.1");
  EXPECT_EQ(cfg.listeners[0].port, 8080);
  ASSERT_EQ(cfg.backends.size(), 1u);
  EXPECT_EQ(cfg.backends[0].url, "http://localhost:8000/mcp");
  EXPECT_EQ(cfg.backends[0].routes, std::vector<std::string>{"/"});
  EXPECT_EQ(cfg.workers, 4u);
  EXPECT_EQ(cfg.policy.jwt->providers.size(), 2u);
  EXPECT_EQ(cfg.watched_files.size(), 1u);
}

TEST(ConfigFromFlags, BackendRefThroughHostMap) {
  const auto cfg = config_from_flags(":3000", "http://localhost:8000",
                                     {data_dir() / "reference-auth0-policy.yaml"}, 0, auth0_env(),
                                     {{"auth0-jwks", "https://tenant.us.auth0.com"}});
  EXPECT_EQ(std::get<remote_jwks>(cfg.policy.jwt->providers[0].jwks).resolved_url,
            "https://tenant.us.auth0.com/.well-known/jwks.json");
}

TEST(ConfigFromFlags, BadFlagsNameTheFlag) {
  EXPECT_THAT(error_of([] { config_from_flags("nope", "http://x", {}, 0, auth0_env()); }),
              HasSubstr("--listen: expected HOST:PORT"));
  EXPECT_THAT(error_of([] { config_from_flags(":1", "x:80", {}, 0, auth0_env()); }),
              HasSubstr("--backend: expected an absolute URL"));
  EXPECT_THAT(error_of([] {
                config_from_flags(":1", "http://x", {"/nonexistent/p.yaml"}, 0, auth0_env());
              }),
              HasSubstr("/nonexistent/p.yaml: cannot read"));
}

}  // namespace
}  // namespace mcpgate::config
