#pragma once

#include "gateway/metrics.hpp"
#include "mcp/methods.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace mcpgate::gateway {

enum class mcp_decision : std::uint8_t { allowed, denied, unchecked };
enum class upstream_failure : std::uint8_t { connect, timeout, protocol };

// The gateway's series, registered once at start-up (metrics.hpp: no string work per request).
class gateway_metrics {
 public:
  explicit gateway_metrics(std::size_t workers);

  void request(std::size_t worker, unsigned status, double seconds) noexcept;
  void mcp_call(std::size_t worker, std::string_view method, mcp_decision d) noexcept;
  // `cls` is a jose error class name ("expired", …) or "missing" / "malformed_header".
  void auth_failure(std::size_t worker, std::string_view cls) noexcept;
  void upstream_error(std::size_t worker, upstream_failure f) noexcept;
  void upstream_latency(std::size_t worker, double seconds) noexcept;
  // Control-thread events (one thread: the service's).
  void reload(bool ok) noexcept;
  void jwks_fetch(bool ok) noexcept;

  metrics& registry() noexcept { return m_; }
  std::string render() const { return m_.render(); }

 private:
  static constexpr std::size_t method_count = 11;
  metrics m_;
  std::size_t control_;  // the shard of the control thread (reloads, JWKS fetches)
  std::array<metrics::counter_id, 5> status_{};
  std::array<std::array<metrics::counter_id, 3>, method_count> mcp_{};
  std::array<metrics::counter_id, 26> auth_{};
  std::array<metrics::counter_id, 3> upstream_{};
  metrics::histogram_id latency_{};
  metrics::histogram_id upstream_latency_{};
  std::array<metrics::counter_id, 2> reloads_{};
  std::array<metrics::counter_id, 2> jwks_{};
};

}  // namespace mcpgate::gateway
