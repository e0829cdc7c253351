#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::gateway {

// The CORS section of a policy (AgentgatewayPolicy spec.traffic.cors).
struct cors_policy {
  std::vector<std::string> allow_origins;   // exact origins, "*", or with one "*" wildcard
  std::vector<std::string> allow_methods;   // "*" allows any
  std::vector<std::string> allow_headers;   // "*" echoes what the browser asks for
  std::vector<std::string> expose_headers;  // Mcp-Session-Id and WWW-Authenticate always added
  std::optional<long> max_age_seconds;
  bool allow_credentials = false;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

// Answers CORS for one policy. Preflight requests are answered before authentication
// (DESIGN.md, "Life of a request"); other requests get the response headers added.
class cors {
 public:
  explicit cors(cors_policy policy);

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
  cors_policy policy_;
  std::string methods_;  // joined
  std::string expose_;   // joined
  bool any_method_ = false;
  bool any_header_ = false;
};

}  // namespace mcpgate::gateway
