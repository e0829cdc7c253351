#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::gateway {

// Prometheus metrics with per-worker shards: every series is registered at start-up and gets a
// small integer id (register everything before the workers start); a worker increments only its own
// shard (single writer, relaxed atomics), and a scrape sums the shards. No lock and no string work
// on the request path.
class metrics {
 public:
  using counter_id = std::size_t;
  using histogram_id = std::size_t;

  explicit metrics(std::size_t workers);
  ~metrics();
  metrics(const metrics&) = delete;
  metrics& operator=(const metrics&) = delete;

  // `labels` is the inside of the braces, already escaped, e.g. `method="tools/call"` (may be
  // empty). Series of one family must be registered with the same name, help and type.
  counter_id add_counter(std::string_view name, std::string_view help,
                         std::string_view labels = {});
  histogram_id add_histogram(std::string_view name, std::string_view help, std::string_view labels,
                             std::vector<double> upper_bounds);
  // A gauge read at scrape time.
  void add_gauge(std::string_view name, std::string_view help, std::string_view labels,
                 std::function<double()> read);

  void inc(std::size_t worker, counter_id id, std::uint64_t n = 1) noexcept;
  void observe(std::size_t worker, histogram_id id, double value) noexcept;

  // The text exposition format (version 0.0.4).
  std::string render() const;

  // Escapes a label value for use inside `labels`.
  static std::string escape_label(std::string_view value);

  static const std::vector<double>& latency_buckets();

 private:
  struct series;
  struct shard;
  std::vector<series> series_;
  std::vector<std::unique_ptr<shard>> shards_;

  std::size_t add_series(std::string_view name, std::string_view help, std::string_view labels,
                         int kind, std::vector<double> bounds, std::function<double()> read);
  shard& worker_shard(std::size_t worker) noexcept;
};

}  // namespace mcpgate::gateway
