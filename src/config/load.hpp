#pragma once

#include "config/env.hpp"
#include "config/gateway_config.hpp"
#include "config/limits.hpp"
#include "config/policy.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::config {

// The entry points the gateway and the CLI use. All of them throw config_error on the first
// problem, with the file, line, column and field; none of them touches the network.

// `mcpgate serve --config FILE`: the native document, any AgentgatewayPolicy documents in the
// same file ("---" separated), the policy files it lists (relative to its directory), merged and
// with backendRefs resolved through backendHosts.
gateway_config load_config(const std::filesystem::path& path, const env_lookup& env,
                           const load_limits& limits = {});

// load_config on text already in memory; `file` names it in messages and base_dir resolves
// relative policyFiles. Used by tests and the fuzz target.
gateway_config load_config_text(std::string_view text, const std::string& file,
                                const env_lookup& env, const load_limits& limits = {},
                                const std::filesystem::path& base_dir = {});

// Every AgentgatewayPolicy document of one file, unmerged and unresolved.
std::vector<policy_document> load_policy_file(const std::filesystem::path& path,
                                              const env_lookup& env,
                                              const load_limits& limits = {});

// `mcpgate serve --listen ADDR --backend URL --policy FILE... [--workers N]`: one listener, one
// backend named "default" serving every path ("/"), the given policies merged. A backendRef in
// those policies resolves through `hosts` (empty unless the CLI offers a flag for it).
gateway_config config_from_flags(std::string_view listen, std::string_view backend_url,
                                 const std::vector<std::filesystem::path>& policy_paths,
                                 unsigned workers, const env_lookup& env,
                                 const backend_host_map& hosts = {},
                                 const load_limits& limits = {});

}  // namespace mcpgate::config
