#pragma once

#include <array>
#include <string_view>

namespace mcpgate::mcp {

// The revision this implementation follows.
inline constexpr std::string_view latest_protocol_version = "2025-11-25";

// Revisions a client may speak to us, newest first.
inline constexpr std::array<std::string_view, 3> supported_protocol_versions{
    "2025-11-25", "2025-06-18", "2025-03-26"};

// Streamable HTTP: a request without an MCP-Protocol-Version header is taken as this revision
// (MCP 2025-06-18, basic/transports "Protocol Version Header").
inline constexpr std::string_view default_header_protocol_version = "2025-03-26";

inline constexpr std::string_view protocol_version_header = "MCP-Protocol-Version";
inline constexpr std::string_view session_id_header = "Mcp-Session-Id";

bool is_supported_protocol_version(std::string_view v) noexcept;

// The version an initialize response carries: the client's when we speak it, otherwise our
// latest (the client then decides whether to continue; lifecycle "Version Negotiation").
std::string_view negotiate_protocol_version(std::string_view requested) noexcept;

}  // namespace mcpgate::mcp
