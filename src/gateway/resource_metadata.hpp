#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::gateway {

// OAuth 2.0 Protected Resource Metadata (RFC 9728) for one protected path, and the
// WWW-Authenticate challenges that point clients at it (RFC 6750 §3, RFC 9728 §5.1).
struct protected_resource {
  std::string public_url;  // e.g. "https://mcp.example.com" (no trailing slash)
  std::string path;        // e.g. "/mcp"
  std::vector<std::string> authorization_servers;  // the providers' issuers
  std::vector<std::string> scopes_supported;       // may be empty
  std::string resource_name;                       // may be empty

  // "<public_url><path>": the resource identifier, and the audience tokens should carry.
  std::string resource() const;
  // "<public_url>/.well-known/oauth-protected-resource<path>".
  std::string metadata_url() const;
  // The metadata document (JSON).
  std::string document() const;
};

// The path of the metadata document for a resource path ("/mcp" →
// "/.well-known/oauth-protected-resource/mcp").
std::string metadata_path(std::string_view resource_path);

// `Bearer resource_metadata="…"`, plus `error="…"` (and description/scope) when given.
std::string bearer_challenge(std::string_view metadata_url, std::string_view error = {},
                             std::string_view description = {}, std::string_view scope = {});

}  // namespace mcpgate::gateway
