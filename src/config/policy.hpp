#pragma once

#include "config/error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mcpgate::config {

// The parts of agentgateway's AgentgatewayPolicy (agentgateway.dev/v1alpha1) that mcpgate
// enforces, as plain validated values: CEL stays text and a JWKS stays JSON text; the gateway
// compiles and imports them. Every piece remembers where it was written.

// spec.targetRefs[]: kept for diagnostics and for a future per-route attachment; mcpgate applies
// every loaded policy to every route.
struct target_ref {
  std::string group;
  std::string kind;
  std::string name;
  std::string section_name;
};

// spec.traffic.cors
struct cors_policy {
  std::vector<std::string> allow_origins;  // "*" allowed
  std::vector<std::string> allow_methods;
  std::vector<std::string> allow_headers;
  std::vector<std::string> expose_headers;
  std::optional<std::chrono::seconds> max_age;
  bool allow_credentials = false;
  source_location where;
};

// What a jwks.remote.backendRef names: a Kubernetes Service, or outside Kubernetes an entry of the
// native config's backendHosts map.
struct backend_ref {
  std::string name;
  std::string namespace_;  // empty when not given
  std::optional<std::uint16_t> port;
  std::string kind;   // "Service" when not given
  std::string group;  // "" (core) when not given
  source_location where;
};

// jwks.remote: exactly one of url and backend is set.
struct remote_jwks {
  std::string url;                     // as written; empty when backend is used
  std::optional<backend_ref> backend;  // with jwks_path
  std::string jwks_path;               // always begins with '/' when backend is set
  std::optional<std::chrono::milliseconds> cache_duration;
  // The URL to fetch: url, or backend's resolved location + jwks_path once resolve_backend_refs
  // has run (load_config and config_from_flags do that). Empty until resolved.
  std::string resolved_url;
  source_location where;
};

// jwks.inline: a JWKS document as JSON text, not parsed here.
struct inline_jwks {
  std::string json;
  source_location where;
};

using jwks_source = std::variant<remote_jwks, inline_jwks>;

struct jwt_provider {
  std::string issuer;                  // compared exactly (Auth0 issuers end with '/')
  std::vector<std::string> audiences;  // empty: the audience is not checked
  jwks_source jwks;
  source_location where;
};

// Strict: a valid token is required. Optional: a token is validated when present, requests
// without one continue unauthenticated. Permissive: an invalid token is also let through
// unauthenticated (agentgateway's semantics).
enum class jwt_mode { strict, optional, permissive };

struct jwt_authentication {
  jwt_mode mode = jwt_mode::strict;
  bool mode_explicit = false;  // written in the file; used to detect conflicting documents
  std::vector<jwt_provider> providers;
  source_location where;
};

enum class rule_action { allow, deny, require };

// One CEL expression and where it was written, so a decision can be explained as
// "rule at policy.yaml:42:15 denied".
struct match_expression {
  std::string expression;
  source_location where;
};

// spec.backend.mcp.authorization
struct mcp_authorization {
  rule_action action = rule_action::allow;
  std::vector<match_expression> expressions;
  source_location where;
};

// The sections of one AgentgatewayPolicy spec (or the native config's inline `policy:`).
struct policy_spec {
  std::vector<target_ref> target_refs;
  std::optional<cors_policy> cors;
  std::optional<jwt_authentication> jwt;
  std::optional<mcp_authorization> authorization;
};

// One loaded document.
struct policy_document {
  std::string name;        // metadata.name; empty for inline sections
  std::string namespace_;  // metadata.namespace
  policy_spec spec;
  source_location where;
};

// Every attached policy combined, as the gateway enforces it.
struct policy_set {
  std::optional<cors_policy> cors;
  std::optional<jwt_authentication> jwt;  // providers of every document
  // Every authorization block; the gateway combines them as DESIGN.md says: any true Deny
  // denies, every Require must hold, and with any Allow rule at least one must be true.
  std::vector<mcp_authorization> authorizations;

  bool empty() const noexcept { return !cors && !jwt && authorizations.empty(); }
};

const char* to_string(jwt_mode mode) noexcept;
const char* to_string(rule_action action) noexcept;

}  // namespace mcpgate::config
