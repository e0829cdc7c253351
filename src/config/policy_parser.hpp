#pragma once

#include "config/env.hpp"
#include "config/limits.hpp"
#include "config/node_reader.hpp"
#include "config/policy.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::config {

inline constexpr std::string_view policy_api_version = "agentgateway.dev/v1alpha1";
inline constexpr std::string_view policy_kind = "AgentgatewayPolicy";

// Reads the body of an AgentgatewayPolicy spec (targetRefs, traffic, backend). Sections
// agentgateway has and mcpgate does not enforce are rejected, not skipped: a policy that
// silently loses its rate limit or external authorization is a security hole.
policy_spec read_policy_spec(const node_reader& spec);

// Reads a whole document: apiVersion and kind checked, metadata read for its name and otherwise
// ignored (labels, annotations, ...), status ignored.
policy_document read_policy_document(const node_reader& root);

// Every document of a policy file's text; each must be an AgentgatewayPolicy.
std::vector<policy_document> parse_policy_text(std::string_view text, const std::string& file,
                                               const env_lookup& env,
                                               const load_limits& limits = {});

}  // namespace mcpgate::config
