#include "config/policy_parser.hpp"

#include "config/url.hpp"
#include "config/yaml_source.hpp"

namespace mcpgate::config {

namespace {

// Longest CORS max-age we pass on; browsers cap it lower anyway (Chrome: 2 h, Firefox: 24 h).
constexpr std::uint64_t max_cors_max_age_seconds = 7 * 24 * 60 * 60;

target_ref read_target_ref(const node_reader& node) {
  node.expect_map({"group", "kind", "name", "sectionName"});
  target_ref ref;
  if (auto v = node.get("group")) {
    ref.group = v->as_string();
  }
  ref.kind = node.required("kind").as_nonempty_string();
  ref.name = node.required("name").as_nonempty_string();
  if (auto v = node.get("sectionName")) {
    ref.section_name = v->as_string();
  }
  return ref;
}

cors_policy read_cors(const node_reader& node) {
  node.expect_map({"allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge",
                   "allowCredentials"});
  cors_policy cors;
  cors.where = node.where();
  if (auto v = node.get("allowOrigins")) {
    cors.allow_origins = v->as_string_list();
  }
  if (auto v = node.get("allowMethods")) {
    cors.allow_methods = v->as_string_list();
  }
  if (auto v = node.get("allowHeaders")) {
    cors.allow_headers = v->as_string_list();
  }
  if (auto v = node.get("exposeHeaders")) {
    cors.expose_headers = v->as_string_list();
  }
  if (auto v = node.get("maxAge")) {
    // Gateway API writes maxAge as integer seconds; a duration string is accepted too.
    const auto text = v->as_string();
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
      cors.max_age = std::chrono::seconds{v->as_uint(0, max_cors_max_age_seconds)};
    } else {
      const auto d = std::chrono::duration_cast<std::chrono::seconds>(v->as_duration());
      if (static_cast<std::uint64_t>(d.count()) > max_cors_max_age_seconds) {
        v->fail("must be at most " + std::to_string(max_cors_max_age_seconds) + " seconds");
      }
      cors.max_age = d;
    }
  }
  if (auto v = node.get("allowCredentials")) {
    cors.allow_credentials = v->as_bool();
  }
  for (const auto& origin : cors.allow_origins) {
    if (origin == "*" && cors.allow_credentials) {
      node.fail(
          "allowOrigins \"*\" cannot be combined with allowCredentials: true (browsers "
          "refuse it); list the origins instead");
    }
  }
  return cors;
}

backend_ref read_backend_ref(const node_reader& node) {
  node.expect_map({"name", "namespace", "port", "kind", "group"});
  backend_ref ref;
  ref.where = node.where();
  ref.name = node.required("name").as_nonempty_string();
  if (auto v = node.get("namespace")) {
    ref.namespace_ = v->as_string();
  }
  if (auto v = node.get("port")) {
    ref.port = static_cast<std::uint16_t>(v->as_uint(1, 65535));
  }
  ref.kind = "Service";
  if (auto v = node.get("kind")) {
    ref.kind = v->as_nonempty_string();
  }
  if (auto v = node.get("group")) {
    ref.group = v->as_string();
  }
  return ref;
}

remote_jwks read_remote_jwks(const node_reader& node) {
  node.expect_map({"url", "backendRef", "jwksPath", "cacheDuration"});
  remote_jwks remote;
  remote.where = node.where();
  auto url = node.get("url");
  auto backend = node.get("backendRef");
  auto path = node.get("jwksPath");
  if (url && backend) {
    node.fail("set either url or backendRef with jwksPath, not both");
  }
  if (url) {
    if (path) {
      path->fail("jwksPath goes with backendRef; with url, put the path in the URL");
    }
    remote.url = url->as_nonempty_string();
    std::string why;
    if (!parse_http_url(remote.url, why)) {
      url->fail(why);
    }
    remote.resolved_url = remote.url;
  } else if (backend) {
    remote.backend = read_backend_ref(*backend);
    const node_reader jwks_path = node.required("jwksPath");
    remote.jwks_path = jwks_path.as_nonempty_string();
    if (remote.jwks_path.front() != '/') {
      // The reference writes ".well-known/jwks.json"; agentgateway joins it under the backend.
      remote.jwks_path.insert(remote.jwks_path.begin(), '/');
    }
    for (char c : remote.jwks_path) {
      if (static_cast<unsigned char>(c) <= 0x20 || c == '#' || c == 0x7f) {
        jwks_path.fail("must be a URL path without spaces, control characters or '#'");
      }
    }
  } else {
    node.fail("needs url, or backendRef with jwksPath");
  }
  if (auto v = node.get("cacheDuration")) {
    remote.cache_duration = v->as_duration();
  }
  return remote;
}

jwks_source read_jwks(const node_reader& node) {
  node.expect_map({"remote", "inline"}, {}, {});
  auto remote = node.get("remote");
  auto inline_value = node.get("inline");
  if (remote && inline_value) {
    node.fail("set either remote or inline, not both");
  }
  if (remote) {
    return read_remote_jwks(*remote);
  }
  if (!inline_value) {
    node.fail("needs remote or inline");
  }
  inline_jwks jwks{inline_value->as_nonempty_string(), inline_value->where()};
  const auto first = jwks.json.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || jwks.json[first] != '{') {
    inline_value->fail("expected a JWKS as a JSON object string ({\"keys\": [...]})");
  }
  return jwks;
}

jwt_provider read_provider(const node_reader& node) {
  node.expect_map({"issuer", "audiences", "jwks"});
  jwt_provider provider;
  provider.where = node.where();
  provider.issuer = node.required("issuer").as_nonempty_string();
  if (auto v = node.get("audiences")) {
    provider.audiences = v->as_string_list();
    for (std::size_t i = 0; i < provider.audiences.size(); ++i) {
      if (provider.audiences[i].empty()) {
        v->items()[i].fail("must not be empty");
      }
    }
  }
  provider.jwks = read_jwks(node.required("jwks"));
  return provider;
}

jwt_authentication read_jwt(const node_reader& node) {
  node.expect_map({"mode", "providers"});
  jwt_authentication jwt;
  jwt.where = node.where();
  if (auto v = node.get("mode")) {
    jwt.mode = v->as_enum<jwt_mode>({{"Strict", jwt_mode::strict},
                                     {"Optional", jwt_mode::optional},
                                     {"Permissive", jwt_mode::permissive}});
    jwt.mode_explicit = true;
  }
  const auto providers = node.required("providers");
  for (const auto& item : providers.items()) {
    jwt.providers.push_back(read_provider(item));
    for (std::size_t i = 0; i + 1 < jwt.providers.size(); ++i) {
      if (jwt.providers[i].issuer == jwt.providers.back().issuer) {
        item.fail("issuer \"" + jwt.providers.back().issuer + "\" is already configured at " +
                  jwt.providers[i].where.to_string());
      }
    }
  }
  if (jwt.providers.empty()) {
    providers.fail("needs at least one provider");
  }
  return jwt;
}

mcp_authorization read_authorization(const node_reader& node) {
  node.expect_map({"action", "policy"});
  mcp_authorization auth;
  auth.where = node.where();
  if (auto v = node.get("action")) {
    auth.action = v->as_enum<rule_action>({{"Allow", rule_action::allow},
                                           {"Deny", rule_action::deny},
                                           {"Require", rule_action::require}});
  }
  const auto policy = node.required("policy");
  policy.expect_map({"matchExpressions"});
  const auto expressions = policy.required("matchExpressions");
  for (const auto& item : expressions.items()) {
    auth.expressions.push_back({item.as_nonempty_string(), item.where()});
  }
  if (auth.expressions.empty()) {
    // An empty Allow list would deny everything and an empty Deny list nothing: both are
    // more likely a mistake than an intention.
    expressions.fail("needs at least one expression");
  }
  return auth;
}

}  // namespace

policy_spec read_policy_spec(const node_reader& spec) {
  // A file cut short while it is saved (an editor that truncates, then writes) reads as a policy
  // with empty sections; applied, it would let every request through. An empty spec or section
  // is an error, never "nothing to enforce".
  spec.refuse_empty("traffic");
  spec.refuse_empty("backend");
  spec.expect_map({"targetRefs", "traffic", "backend"}, {"frontend"}, {"targetSelectors"});
  policy_spec out;
  if (auto refs = spec.get("targetRefs")) {
    for (const auto& item : refs->items()) {
      out.target_refs.push_back(read_target_ref(item));
    }
  }
  if (auto traffic = spec.get("traffic")) {
    traffic->expect_map({"cors", "jwtAuthentication"},
                        {"extAuth", "extProc", "rateLimit", "authorization", "transformation",
                         "apiKeyAuthentication", "basicAuthentication", "csrf", "timeouts", "retry",
                         "headerModifiers", "hostRewrite", "directResponse"},
                        {"phase"});
    if (auto cors = traffic->get("cors")) {
      out.cors = read_cors(*cors);
    }
    traffic->refuse_empty("jwtAuthentication");
    if (auto jwt = traffic->get("jwtAuthentication")) {
      out.jwt = read_jwt(*jwt);
    }
  }
  if (auto backend = spec.get("backend")) {
    backend->expect_map({"mcp"}, {"tls", "tcp", "http", "ai", "a2a", "auth", "transformation"});
    backend->refuse_empty("mcp");
    if (auto mcp = backend->get("mcp")) {
      mcp->expect_map({"authorization"}, {"authentication"});
      mcp->refuse_empty("authorization");
      if (auto auth = mcp->get("authorization")) {
        out.authorization = read_authorization(*auth);
      }
    }
  }
  if (!spec.get("traffic") && !spec.get("backend") && !spec.get("frontend")) {
    spec.fail("has no traffic or backend section: an empty policy would let every request through");
  }
  return out;
}

policy_document read_policy_document(const node_reader& root) {
  root.expect_map({"apiVersion", "kind", "metadata", "spec"}, {}, {"status"});
  policy_document doc;
  doc.where = root.where();
  const auto api_version = root.required("apiVersion");
  if (api_version.as_string() != policy_api_version) {
    api_version.fail("expected " + std::string{policy_api_version} + ", got \"" +
                     api_version.as_string() + "\"");
  }
  const auto kind = root.required("kind");
  if (kind.as_string() != policy_kind) {
    kind.fail("expected " + std::string{policy_kind} + ", got \"" + kind.as_string() + "\"");
  }
  if (auto metadata = root.get("metadata")) {
    // Kubernetes bookkeeping: only the name and namespace matter, for messages.
    if (!metadata->is_map()) {
      metadata->fail("expected a map");
    }
    if (auto name = metadata->get("name"); name && name->is_scalar()) {
      doc.name = name->as_string();
    }
    if (auto ns = metadata->get("namespace"); ns && ns->is_scalar()) {
      doc.namespace_ = ns->as_string();
    }
  }
  doc.spec = read_policy_spec(root.required("spec"));
  return doc;
}

std::vector<policy_document> parse_policy_text(std::string_view text, const std::string& file,
                                               const env_lookup& env, const load_limits& limits) {
  read_context ctx{file, env, limits, 0};
  std::vector<policy_document> out;
  for (auto& doc : parse_documents(text, file, limits)) {
    out.push_back(read_policy_document(node_reader{doc, "", ctx}));
  }
  return out;
}

}  // namespace mcpgate::config
