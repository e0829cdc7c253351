#include "mcp/protocol.hpp"

#include <algorithm>

namespace mcpgate::mcp {

bool is_supported_protocol_version(std::string_view v) noexcept {
  return std::find(supported_protocol_versions.begin(), supported_protocol_versions.end(), v) !=
         supported_protocol_versions.end();
}

std::string_view negotiate_protocol_version(std::string_view requested) noexcept {
  // Returns our own constant, never a view into the caller's (possibly short-lived) text.
  const auto* it =
      std::find(supported_protocol_versions.begin(), supported_protocol_versions.end(), requested);
  return it != supported_protocol_versions.end() ? *it : latest_protocol_version;
}

}  // namespace mcpgate::mcp
