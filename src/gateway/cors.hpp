#pragma once

#include "config/policy.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::gateway {

using header_list = std::vector<std::pair<std::string, std::string>>;

// Answers CORS for one policy (AgentgatewayPolicy spec.traffic.cors). Origins are exact, "*",
// or hold one "*" standing for a DNS label or a port; "*" in allowHeaders echoes what the browser
// asks for; Mcp-Session-Id and WWW-Authenticate are always exposed. Preflight requests are answered
// before authentication (DESIGN.md, "Life of a request"); other requests get the response headers
// added.
class cors {
 public:
  explicit cors(config::cors_policy policy);

  // OPTIONS with Origin and Access-Control-Request-Method.
  static bool is_preflight(std::string_view method, std::string_view origin,
                           std::string_view request_method) noexcept;

  // Headers answering a preflight, or nullopt when the origin or method is not allowed (the
  // gateway then answers without CORS headers, and the browser blocks the request).
  std::optional<header_list> preflight(std::string_view origin, std::string_view request_method,
                                       std::string_view request_headers) const;

  // Headers to add to an actual response for a request carrying `origin` (empty when none).
  header_list response_headers(std::string_view origin) const;

  bool origin_allowed(std::string_view origin) const noexcept;

 private:
  config::cors_policy policy_;
  std::string methods_;  // joined
  std::string expose_;   // joined
  bool any_method_ = false;
  bool any_header_ = false;
};

}  // namespace mcpgate::gateway
