#pragma once

// Protection against DNS rebinding (MCP 2025-11-25, basic/transports "Security Warning"): a page
// on evil.example whose name is re-pointed at 127.0.0.1 makes the browser send requests with
// Host and Origin naming evil.example. A server listening on loopback checks both.

#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::server {

struct origin_policy {
  // Check the Host header (on for loopback listeners: behind a proxy or in a cluster the Host is a
  // service name, which operators add to allowed_hosts instead).
  bool check_host = true;
  // Extra host names (without port) accepted besides localhost, 127.0.0.1 and [::1].
  std::vector<std::string> allowed_hosts;
  // Extra origins ("https://app.example.com") accepted besides loopback http(s) origins.
  std::vector<std::string> allowed_origins;
};

// The host part of a Host header value ("[::1]:8080" → "[::1]", "Example.COM:80" →
// "example.com"); empty when malformed.
std::string host_of(std::string_view host_header);

// Whether a request with these Host and Origin header values (empty when absent) may be served.
// A request without Origin (not from a browser) is checked on Host alone.
bool request_allowed(const origin_policy& policy, std::string_view host, std::string_view origin);

}  // namespace mcpgate::server
