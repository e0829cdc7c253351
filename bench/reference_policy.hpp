#pragma once

#include <array>

namespace mcpgate::bench {

// The matchExpressions of the reference AgentgatewayPolicy
// (tests/unit/config/data/reference-auth0-policy.yaml, action Allow).
inline constexpr std::array<const char*, 5> reference_rules = {
    R"(mcp.tool.name == "echo")",
    R"(mcp.tool.name == "get_user_info")",
    R"(mcp.tool.name == "list_files" && jwt.scope.contains("files:read"))",
    R"(mcp.tool.name == "delete_file" && jwt.scope.contains("files:delete") && jwt["https://mcp-demo/roles"].contains("admin"))",
    R"(mcp.tool.name == "system_status" && jwt["https://mcp-demo/roles"].contains("admin"))",
};

}  // namespace mcpgate::bench
