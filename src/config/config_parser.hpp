#pragma once

#include "config/gateway_config.hpp"
#include "config/node_reader.hpp"

namespace mcpgate::config {

// Reads the native document (every key but the policy files' contents): listeners, publicUrl,
// backends, backendHosts, admin, limits, timeouts, logging, workers, forwardToken, onDeny,
// identity, policyFiles (kept as written) and the inline `policy` section (appended to
// policy_documents). Does not merge or resolve policies; load_config does.
gateway_config read_gateway_config(const node_reader& root);

}  // namespace mcpgate::config
