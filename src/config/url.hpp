#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::config {

// The parts of an absolute http(s) URL that the gateway needs. Config only checks syntax; the
// gateway's HTTP client does the connecting.
struct url_parts {
  std::string scheme;      // "http" or "https", lower case
  std::string host;        // a name, an IPv4 address or a bracketed IPv6 address ("[::1]")
  std::uint16_t port = 0;  // explicit or the scheme's default
  bool explicit_port = false;
  std::string path;   // begins with '/', or is empty
  std::string query;  // without the '?'; empty when absent
};

// Parses an http:// or https:// URL. Rejects user info (credentials do not belong in URLs that
// end up in logs), fragments, whitespace and control characters, and ports outside 1..65535.
// On failure returns nullopt and says why in `why`.
std::optional<url_parts> parse_http_url(std::string_view text, std::string& why);

struct host_port {
  std::string host;  // as written; "[::1]" keeps its brackets
  std::uint16_t port = 0;
};

// "host:port", "[v6]:port", ":port" (host "0.0.0.0") or a bare "port" (likewise). The port may
// be 0 only when allow_zero is set (listeners that pick a free port in tests).
std::optional<host_port> parse_host_port(std::string_view text, bool allow_zero, std::string& why);

}  // namespace mcpgate::config
