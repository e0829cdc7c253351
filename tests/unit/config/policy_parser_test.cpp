#include "config/policy_parser.hpp"
#include "config/load.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mcpgate::config {
namespace {

using test::auth0_env;
using test::data_dir;
using test::error_of;
using ::testing::HasSubstr;

std::vector<policy_document> parse(const std::string& text, const env_lookup& env = auth0_env()) {
  return parse_policy_text(text, "policy.yaml", env);
}

// A minimal valid document with `body` spliced under spec (indented by the caller).
std::string doc(const std::string& body) {
  return "apiVersion: agentgateway.dev/v1alpha1\n"
         "kind: AgentgatewayPolicy\n"
         "metadata:\n"
         "  name: p\n"
         "spec:\n" +
         body;
}

TEST(ReferencePolicy, LoadsVerbatim) {
  const auto docs = load_policy_file(data_dir() / "reference-auth0-policy.yaml", auth0_env());
  ASSERT_EQ(docs.size(), 1u);
  const auto& d = docs[0];
  EXPECT_EQ(d.name, "mcp-oauth-policy");
  EXPECT_EQ(d.namespace_, "agentgateway-system");
  ASSERT_EQ(d.spec.target_refs.size(), 1u);
  EXPECT_EQ(d.spec.target_refs[0].group, "gateway.networking.k8s.io");
  EXPECT_EQ(d.spec.target_refs[0].kind, "Gateway");
  EXPECT_EQ(d.spec.target_refs[0].name, "mcp-gateway");

  ASSERT_TRUE(d.spec.cors);
  EXPECT_EQ(d.spec.cors->allow_origins, std::vector<std::string>{"*"});
  EXPECT_EQ(d.spec.cors->allow_methods, (std::vector<std::string>{"GET", "POST", "OPTIONS"}));
  EXPECT_EQ(d.spec.cors->allow_headers, std::vector<std::string>{"*"});
  EXPECT_EQ(d.spec.cors->expose_headers, std::vector<std::string>{"*"});
  EXPECT_EQ(d.spec.cors->max_age, std::chrono::seconds{86400});
  EXPECT_FALSE(d.spec.cors->allow_credentials);

  ASSERT_TRUE(d.spec.jwt);
  EXPECT_EQ(d.spec.jwt->mode, jwt_mode::strict);
  EXPECT_FALSE(d.spec.jwt->mode_explicit);
  ASSERT_EQ(d.spec.jwt->providers.size(), 1u);
  const auto& p = d.spec.jwt->providers[0];
  EXPECT_EQ(p.issuer, "https://tenant.us.auth0.com/");
  EXPECT_EQ(p.audiences, std::vector<std::string>{"https://mcp-oauth-demo"});
  const auto* remote = std::get_if<remote_jwks>(&p.jwks);
  ASSERT_NE(remote, nullptr);
  EXPECT_EQ(remote->jwks_path, "/.well-known/jwks.json");
  ASSERT_TRUE(remote->backend);
  EXPECT_EQ(remote->backend->name, "auth0-jwks");
  EXPECT_EQ(remote->backend->namespace_, "agentgateway-system");
  EXPECT_EQ(remote->backend->port, 8443);
  EXPECT_EQ(remote->backend->kind, "Service");
  EXPECT_EQ(remote->backend->group, "");
  EXPECT_EQ(remote->resolved_url, "");  // nothing to resolve against yet

  ASSERT_TRUE(d.spec.authorization);
  EXPECT_EQ(d.spec.authorization->action, rule_action::allow);
  const auto& rules = d.spec.authorization->expressions;
  ASSERT_EQ(rules.size(), 5u);
  EXPECT_EQ(rules[0].expression, "mcp.tool.name == \"echo\"");
  EXPECT_EQ(rules[3].expression,
            "mcp.tool.name == \"delete_file\" && jwt.scope.contains(\"files:delete\") && "
            "jwt[\"https://mcp-demo/roles\"].contains(\"admin\")");
  // Lines as in the file, so a decision can say "rule at reference-auth0-policy.yaml:47".
  EXPECT_EQ(rules[0].where.line, 47);
  EXPECT_EQ(rules[0].where.column, 15);
  EXPECT_EQ(rules[4].where.line, 62);
  EXPECT_THAT(rules[4].where.file, HasSubstr("reference-auth0-policy.yaml"));
}

TEST(ReferencePolicy, UnsetVariableNamesItAndTheLine) {
  const auto message = error_of([] {
    load_policy_file(data_dir() / "reference-auth0-policy.yaml",
                     map_environment({{"AUTH0_DOMAIN", "t.auth0.com"}}));
  });
  EXPECT_THAT(message, HasSubstr("reference-auth0-policy.yaml:30:15: "
                                 "spec.traffic.jwtAuthentication.providers[0].audiences[0]: "
                                 "environment variable API_IDENTIFIER is not set"));
}

TEST(PolicyParser, MultiDocumentFile) {
  const auto docs = load_policy_file(data_dir() / "multi.yaml", auth0_env());
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].name, "auth");
  EXPECT_EQ(docs[0].spec.jwt->mode, jwt_mode::optional);
  const auto& remote = std::get<remote_jwks>(docs[0].spec.jwt->providers[0].jwks);
  EXPECT_EQ(remote.resolved_url, "https://issuer.example/.well-known/jwks.json");
  EXPECT_EQ(remote.cache_duration, std::chrono::minutes{5});
  EXPECT_EQ(docs[1].spec.authorization->action, rule_action::deny);
  EXPECT_EQ(docs[1].spec.authorization->expressions[0].where.line, 28);
  const auto& inl = std::get<inline_jwks>(docs[2].spec.jwt->providers[0].jwks);
  EXPECT_THAT(inl.json, HasSubstr("\"kty\":\"OKP\""));
  EXPECT_EQ(docs[2].spec.jwt->providers[0].audiences, std::vector<std::string>{"mcp"});
}

TEST(PolicyParser, ModeEnumErrorReadsLikeTheSpec) {
  const auto message = error_of([] {
    parse(
        doc("  traffic:\n"
            "    jwtAuthentication:\n"
            "      mode: strict\n"
            "      providers: [{issuer: i, jwks: {inline: '{}'}}]\n"));
  });
  EXPECT_EQ(message,
            "policy.yaml:8:13: spec.traffic.jwtAuthentication.mode: expected one of Strict, "
            "Optional, Permissive, got \"strict\"");
}

struct bad_policy {
  const char* name;
  std::string body;
  const char* expected;  // substring of the message, including file:line:column and field
};

// Readable test output instead of gtest's byte dump.
void PrintTo(const bad_policy& c, std::ostream* os) {
  *os << c.name;
}

class PolicyErrors : public ::testing::TestWithParam<bad_policy> {};

TEST_P(PolicyErrors, NameFileLineAndField) {
  const auto& c = GetParam();
  EXPECT_THAT(error_of([&] { parse(c.body); }), HasSubstr(c.expected)) << c.body;
}

const std::string jwks_ok = "jwks: {inline: '{\"keys\":[]}'}";

INSTANTIATE_TEST_SUITE_P(
    All, PolicyErrors,
    ::testing::Values(
        bad_policy{"TypoInTraffic", doc("  traffic:\n    jwtAuthenticaton: {}\n"),
                   "policy.yaml:7:5: spec.traffic.jwtAuthenticaton: unknown field"},
        bad_policy{"TypoInProvider",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          audience: [a]\n          " +
                       jwks_ok + "\n"),
                   "policy.yaml:10:11: spec.traffic.jwtAuthentication.providers[0].audience: "
                   "unknown field"},
        bad_policy{"UnsupportedSection", doc("  traffic:\n    rateLimit: {}\n"),
                   "spec.traffic.rateLimit: is a valid agentgateway field that mcpgate does not "
                   "implement"},
        bad_policy{"UnsupportedMcpAuthentication",
                   doc("  backend:\n    mcp:\n      authentication: {}\n"),
                   "spec.backend.mcp.authentication: is a valid agentgateway field"},
        bad_policy{"WrongApiVersion",
                   "apiVersion: gateway.kgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\nspec: "
                   "{}\n",
                   "policy.yaml:1:13: apiVersion: expected agentgateway.dev/v1alpha1"},
        bad_policy{"WrongKind",
                   "apiVersion: agentgateway.dev/v1alpha1\nkind: TrafficPolicy\nspec: {}\n",
                   "policy.yaml:2:7: kind: expected AgentgatewayPolicy, got \"TrafficPolicy\""},
        bad_policy{"MissingSpec",
                   "apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayPolicy\n",
                   "policy.yaml:1:1: spec: required field is missing"},
        bad_policy{"MissingIssuer",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - " +
                       jwks_ok + "\n"),
                   "policy.yaml:9:11: spec.traffic.jwtAuthentication.providers[0].issuer: "
                   "required field is missing"},
        bad_policy{"NoProviders", doc("  traffic:\n    jwtAuthentication:\n      providers: []\n"),
                   "spec.traffic.jwtAuthentication.providers: needs at least one provider"},
        bad_policy{"BothJwksKinds",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {inline: '{}', remote: {url: 'https://x/'}}\n"),
                   "providers[0].jwks: set either remote or inline, not both"},
        bad_policy{"BackendRefWithoutPath",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {remote: {backendRef: {name: x}}}\n"),
                   "jwks.remote.jwksPath: required field is missing"},
        bad_policy{"UrlAndBackendRef",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {remote: {url: 'https://x/', backendRef: {name: x}, "
                       "jwksPath: /j}}\n"),
                   "set either url or backendRef with jwksPath, not both"},
        bad_policy{"BadJwksUrl",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {remote: {url: 'ftp://x/'}}\n"),
                   "jwks.remote.url: unsupported URL scheme \"ftp\""},
        bad_policy{"BadPort",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {remote: {backendRef: {name: x, port: 70000}, "
                       "jwksPath: j}}\n"),
                   "backendRef.port: expected an integer in 1..65535, got 70000"},
        bad_policy{"BadCacheDuration",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {remote: {url: 'https://x/', cacheDuration: 5}}\n"),
                   "cacheDuration: expected a duration"},
        bad_policy{"InlineNotJson",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - issuer: "
                       "i\n          jwks: {inline: 'keys'}\n"),
                   "jwks.inline: expected a JWKS as a JSON object string"},
        bad_policy{"DuplicateIssuer",
                   doc("  traffic:\n    jwtAuthentication:\n      providers:\n        - {issuer: "
                       "i, " +
                       jwks_ok + "}\n        - {issuer: i, " + jwks_ok + "}\n"),
                   "policy.yaml:10:11: spec.traffic.jwtAuthentication.providers[1]: issuer "
                   "\"i\" is already configured at policy.yaml:9:11"},
        bad_policy{"ActionCase",
                   doc("  backend:\n    mcp:\n      authorization:\n        action: allow\n"
                       "        policy: {matchExpressions: ['true']}\n"),
                   "policy.yaml:9:17: spec.backend.mcp.authorization.action: expected one of "
                   "Allow, Deny, Require, got \"allow\""},
        bad_policy{"NoExpressions",
                   doc("  backend:\n    mcp:\n      authorization:\n        policy: "
                       "{matchExpressions: []}\n"),
                   "authorization.policy.matchExpressions: needs at least one expression"},
        bad_policy{"ExpressionNotString",
                   doc("  backend:\n    mcp:\n      authorization:\n        policy:\n"
                       "          matchExpressions:\n            - {a: b}\n"),
                   "policy.yaml:11:15: spec.backend.mcp.authorization.policy.matchExpressions[0]"
                   ": expected a scalar value, got a map"},
        bad_policy{"DuplicateKey",
                   doc("  backend:\n    mcp:\n      authorization:\n        action: Deny\n"
                       "        action: Allow\n        policy: {matchExpressions: ['true']}\n"),
                   "policy.yaml:10:9: spec.backend.mcp.authorization.action: duplicate key"},
        bad_policy{"CorsCredentialsWithStar",
                   doc("  traffic:\n    cors:\n      allowOrigins: ['*']\n      allowCredentials: "
                       "true\n"),
                   "spec.traffic.cors: allowOrigins \"*\" cannot be combined"},
        bad_policy{"CorsMaxAgeWord", doc("  traffic:\n    cors:\n      maxAge: forever\n"),
                   "spec.traffic.cors.maxAge: expected a duration"},
        bad_policy{"CorsBoolWord", doc("  traffic:\n    cors:\n      allowCredentials: yes\n"),
                   "spec.traffic.cors.allowCredentials: expected true or false, got \"yes\""},
        bad_policy{"SpecNotMap", doc("  - a\n"),
                   "policy.yaml:6:3: spec: expected a map, got a list"},
        bad_policy{"SyntaxError", doc("  traffic: [\n"), "policy.yaml:7:1: invalid YAML"},
        bad_policy{"UnsetVariable",
                   doc("  backend:\n    mcp:\n      authorization:\n        policy:\n"
                       "          matchExpressions:\n            - 'jwt.sub == \"${WHO}\"'\n"),
                   "policy.yaml:11:15: spec.backend.mcp.authorization.policy.matchExpressions[0]"
                   ": environment variable WHO is not set"}),
    [](const auto& test_info) { return std::string{test_info.param.name}; });

TEST(PolicyParser, KubernetesMetadataAndStatusIgnored) {
  const auto docs = parse(
      "apiVersion: agentgateway.dev/v1alpha1\n"
      "kind: AgentgatewayPolicy\n"
      "metadata:\n"
      "  name: x\n"
      "  labels: {app: a}\n"
      "  annotations: {kubectl.kubernetes.io/last-applied-configuration: '{}'}\n"
      "  uid: 1234\n"
      "spec:\n"
      "  targetSelectors: [{kind: Gateway, matchLabels: {a: b}}]\n"
      "  traffic:\n"
      "    phase: PreRouting\n"
      "status: {ancestors: []}\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].name, "x");
  EXPECT_FALSE(docs[0].spec.jwt);
}

TEST(PolicyParser, EscapedDollarKeptLiteral) {
  const auto docs =
      parse(doc("  backend:\n    mcp:\n      authorization:\n        policy:\n"
                "          matchExpressions: ['jwt.x == \"$${NOT_A_VAR}\"']\n"));
  EXPECT_EQ(docs[0].spec.authorization->expressions[0].expression, "jwt.x == \"${NOT_A_VAR}\"");
}

TEST(PolicyParser, VariableValueCannotInjectStructure) {
  // The heredoc in the reference pastes text before parsing; mcpgate expands parsed scalars, so
  // a value with YAML syntax in it stays one string.
  const auto docs = parse(doc("  traffic:\n    jwtAuthentication:\n      providers:\n"
                              "        - issuer: \"${ISS}\"\n"
                              "          jwks: {inline: '{}'}\n"),
                          map_environment({{"ISS", "a\"\n          audiences: [x]"}}));
  const auto& p = docs[0].spec.jwt->providers[0];
  EXPECT_EQ(p.issuer, "a\"\n          audiences: [x]");
  EXPECT_TRUE(p.audiences.empty());
}

}  // namespace
}  // namespace mcpgate::config
