#include "gateway/gateway_metrics.hpp"

#include "jose/error.hpp"

#include <string>

namespace mcpgate::gateway {

namespace {

constexpr std::array<std::string_view, 11> methods{
    "initialize",     "ping",           "tools/list",
    "tools/call",     "prompts/list",   "prompts/get",
    "resources/list", "resources/read", "resources/templates/list",
    "notifications",  "other"};

std::size_t method_index(std::string_view m) noexcept {
  if (m.substr(0, 14) == "notifications/") {
    return 9;
  }
  for (std::size_t i = 0; i < 9; ++i) {
    if (methods[i] == m) {
      return i;
    }
  }
  return 10;
}

// jose::errc values 1..22 by their class names, then the two failures seen before any JOSE work.
constexpr std::size_t missing_index = 23;
constexpr std::size_t malformed_header_index = 24;
constexpr std::size_t other_index = 25;

}  // namespace

gateway_metrics::gateway_metrics(std::size_t workers) : m_{workers + 1}, control_{workers} {
  const char* classes[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  for (std::size_t i = 0; i < status_.size(); ++i) {
    status_[i] =
        m_.add_counter("mcpgate_http_requests_total", "HTTP requests answered, by status class",
                       std::string{"code=\""} + classes[i] + '"');
  }
  const char* decisions[] = {"allowed", "denied", "unchecked"};
  for (std::size_t i = 0; i < methods.size(); ++i) {
    for (std::size_t d = 0; d < 3; ++d) {
      mcp_[i][d] = m_.add_counter(
          "mcpgate_mcp_requests_total", "MCP messages, by method and authorization decision",
          "method=\"" + std::string{methods[i]} + "\",decision=\"" + decisions[d] + '"');
    }
  }
  for (std::size_t i = 1; i <= 22; ++i) {
    const auto cls = jose::error_class(jose::make_error_code(static_cast<jose::errc>(i)));
    auth_[i] = m_.add_counter("mcpgate_auth_failures_total",
                              "Requests refused or downgraded by authentication, by reason",
                              "reason=\"" + std::string{cls} + '"');
  }
  auth_[missing_index] = m_.add_counter("mcpgate_auth_failures_total", "", "reason=\"missing\"");
  auth_[malformed_header_index] =
      m_.add_counter("mcpgate_auth_failures_total", "", "reason=\"malformed_header\"");
  auth_[other_index] = m_.add_counter("mcpgate_auth_failures_total", "", "reason=\"other\"");
  auth_[0] = auth_[other_index];
  const char* failures[] = {"connect", "timeout", "protocol"};
  for (std::size_t i = 0; i < upstream_.size(); ++i) {
    upstream_[i] = m_.add_counter("mcpgate_upstream_errors_total", "Upstream failures, by kind",
                                  std::string{"kind=\""} + failures[i] + '"');
  }
  latency_ =
      m_.add_histogram("mcpgate_request_duration_seconds",
                       "Time from request to the response header", "", metrics::latency_buckets());
  upstream_latency_ = m_.add_histogram("mcpgate_upstream_duration_seconds",
                                       "Time from forwarding to the upstream response header", "",
                                       metrics::latency_buckets());
  reloads_[0] = m_.add_counter("mcpgate_config_reloads_total", "Configuration reloads, by result",
                               "result=\"success\"");
  reloads_[1] = m_.add_counter("mcpgate_config_reloads_total", "", "result=\"failure\"");
  jwks_[0] = m_.add_counter("mcpgate_jwks_fetches_total", "Remote JWKS fetches, by result",
                            "result=\"success\"");
  jwks_[1] = m_.add_counter("mcpgate_jwks_fetches_total", "", "result=\"failure\"");
}

void gateway_metrics::request(std::size_t worker, unsigned status, double seconds) noexcept {
  const std::size_t cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  m_.inc(worker, status_[cls]);
  m_.observe(worker, latency_, seconds);
}

void gateway_metrics::mcp_call(std::size_t worker, std::string_view method,
                               mcp_decision d) noexcept {
  m_.inc(worker, mcp_[method_index(method)][static_cast<std::size_t>(d)]);
}

void gateway_metrics::auth_failure(std::size_t worker, std::string_view cls) noexcept {
  if (cls == "missing") {
    m_.inc(worker, auth_[missing_index]);
    return;
  }
  if (cls == "malformed_header") {
    m_.inc(worker, auth_[malformed_header_index]);
    return;
  }
  for (std::size_t i = 1; i <= 22; ++i) {
    if (jose::error_class(jose::make_error_code(static_cast<jose::errc>(i))) == cls) {
      m_.inc(worker, auth_[i]);
      return;
    }
  }
  m_.inc(worker, auth_[other_index]);
}

void gateway_metrics::upstream_error(std::size_t worker, upstream_failure f) noexcept {
  m_.inc(worker, upstream_[static_cast<std::size_t>(f)]);
}

void gateway_metrics::upstream_latency(std::size_t worker, double seconds) noexcept {
  m_.observe(worker, upstream_latency_, seconds);
}

void gateway_metrics::reload(bool ok) noexcept {
  m_.inc(control_, reloads_[ok ? 0 : 1]);
}
void gateway_metrics::jwks_fetch(bool ok) noexcept {
  m_.inc(control_, jwks_[ok ? 0 : 1]);
}

}  // namespace mcpgate::gateway
