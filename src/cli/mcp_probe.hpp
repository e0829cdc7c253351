#pragma once

#include <string>
#include <vector>

namespace mcpgate::cli {

// Asks an MCP server (Streamable HTTP) which tools it has: initialize, notifications/initialized,
// tools/list (following nextCursor), then ends the session. For `mcpgate policy check`.
// Throws std::runtime_error with one clear line when the server cannot be asked.
std::vector<std::string> list_backend_tools(const std::string& url);

}  // namespace mcpgate::cli
