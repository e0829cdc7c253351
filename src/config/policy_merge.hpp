#pragma once

#include "config/policy.hpp"

#include <map>
#include <string>
#include <vector>

namespace mcpgate::config {

// Combines every attached policy into the one set the gateway enforces:
// - authorization blocks are all kept (their combination is the rule semantics of DESIGN.md);
// - JWT providers are concatenated; an issuer configured twice is an error; the mode is the one
//   written explicitly (Strict when none is), and two different explicit modes are an error;
// - CORS may be defined by one document only, since two CORS settings have no safe union.
// Throws config_error at the second of two conflicting definitions, naming the first.
policy_set merge_policies(const std::vector<policy_document>& documents);

// Where a backendRef points outside Kubernetes: backendHosts entries of the native config, keyed
// by "name" or "namespace/name", each a base URL ("https://tenant.auth0.com").
using backend_host_map = std::map<std::string, std::string>;

// Fills remote_jwks::resolved_url of every provider that uses backendRef: the entry for
// "namespace/name" or else "name", its scheme, host and port (the entry's port, or the scheme's
// default: the backendRef port is a Kubernetes Service port and means nothing outside it), then
// jwksPath. Throws config_error at the backendRef when no entry matches.
void resolve_backend_refs(policy_set& policies, const backend_host_map& hosts);

}  // namespace mcpgate::config
