#include "gateway/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mcpgate::gateway {

namespace {

enum kind : int { counter_kind = 0, histogram_kind = 1, gauge_kind = 2 };

const char* type_name(int k) {
  switch (k) {
    case counter_kind:
      return "counter";
    case histogram_kind:
      return "histogram";
    default:
      return "gauge";
  }
}

// Fixed-point sums keep histogram sums in integer atomics: nanoseconds for latencies.
constexpr double sum_scale = 1e9;

void append_number(std::string& out, double v) {
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
}

void append_labels(std::string& out, std::string_view labels, std::string_view extra = {}) {
  if (labels.empty() && extra.empty()) {
    return;
  }
  out += '{';
  out.append(labels);
  if (!labels.empty() && !extra.empty()) {
    out += ',';
  }
  out.append(extra);
  out += '}';
}

}  // namespace

struct metrics::series {
  std::string name;
  std::string help;
  std::string labels;
  int kind;
  std::vector<double> bounds;    // histograms
  std::function<double()> read;  // gauges
  std::size_t slot = 0;          // first slot in a shard: counters 1, histograms bounds+2
};

// One worker's values, one slot per counter and per histogram bucket (+Inf bucket and sum).
struct metrics::shard {
  std::unique_ptr<std::atomic<std::uint64_t>[]> slots;
  std::size_t size = 0;
};

metrics::metrics(std::size_t workers) : shards_(std::max<std::size_t>(workers, 1)) {
  for (auto& sh : shards_) {
    sh = std::make_unique<shard>();
  }
}

metrics::~metrics() = default;

std::size_t metrics::add_series(std::string_view name, std::string_view help,
                                std::string_view labels, int k, std::vector<double> bounds,
                                std::function<double()> read) {
  std::size_t next = 0;
  if (!series_.empty()) {
    const auto& last = series_.back();
    next = last.slot + (last.kind == counter_kind     ? 1
                        : last.kind == histogram_kind ? last.bounds.size() + 2
                                                      : 0);
  }
  std::sort(bounds.begin(), bounds.end());
  series_.push_back(series{std::string{name}, std::string{help}, std::string{labels}, k,
                           std::move(bounds), std::move(read), next});
  const auto& added = series_.back();
  const std::size_t size = next + (k == counter_kind     ? 1
                                   : k == histogram_kind ? added.bounds.size() + 2
                                                         : 0);
  for (auto& sh : shards_) {
    auto grown = std::make_unique<std::atomic<std::uint64_t>[]>(size);
    for (std::size_t i = 0; i < size; ++i) {
      grown[i].store(sh && i < sh->size ? sh->slots[i].load() : 0);
    }
    if (!sh) {
      sh = std::make_unique<shard>();
    }
    sh->slots = std::move(grown);
    sh->size = size;
  }
  return series_.size() - 1;
}

metrics::counter_id metrics::add_counter(std::string_view name, std::string_view help,
                                         std::string_view labels) {
  return add_series(name, help, labels, counter_kind, {}, {});
}

metrics::histogram_id metrics::add_histogram(std::string_view name, std::string_view help,
                                             std::string_view labels,
                                             std::vector<double> upper_bounds) {
  return add_series(name, help, labels, histogram_kind, std::move(upper_bounds), {});
}

void metrics::add_gauge(std::string_view name, std::string_view help, std::string_view labels,
                        std::function<double()> read) {
  add_series(name, help, labels, gauge_kind, {}, std::move(read));
}

metrics::shard& metrics::worker_shard(std::size_t worker) noexcept {
  return *shards_[worker % shards_.size()];
}

void metrics::inc(std::size_t worker, counter_id id, std::uint64_t n) noexcept {
  auto& slot = worker_shard(worker).slots[series_[id].slot];
  slot.store(slot.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

void metrics::observe(std::size_t worker, histogram_id id, double value) noexcept {
  const auto& s = series_[id];
  auto& sh = worker_shard(worker);
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(s.bounds.begin(), s.bounds.end(), value) - s.bounds.begin());
  auto bump = [](std::atomic<std::uint64_t>& a, std::uint64_t n) {
    a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  };
  bump(sh.slots[s.slot + bucket], 1);  // non-cumulative here; cumulated at render
  bump(sh.slots[s.slot + s.bounds.size() + 1],
       static_cast<std::uint64_t>(std::max(0.0, value) * sum_scale));
}

std::string metrics::render() const {
  std::string out;
  auto total = [this](std::size_t slot) {
    std::uint64_t sum = 0;
    for (const auto& sh : shards_) {
      if (sh && slot < sh->size) {
        sum += sh->slots[slot].load(std::memory_order_relaxed);
      }
    }
    return sum;
  };
  std::string_view family;
  for (const auto& s : series_) {
    if (s.name != family) {
      family = s.name;
      out += "# HELP " + s.name + ' ' + s.help + '\n';
      out += "# TYPE " + s.name + ' ' + type_name(s.kind) + '\n';
    }
    if (s.kind == counter_kind) {
      out += s.name;
      append_labels(out, s.labels);
      out += ' ' + std::to_string(total(s.slot)) + '\n';
    } else if (s.kind == gauge_kind) {
      out += s.name;
      append_labels(out, s.labels);
      out += ' ';
      append_number(out, s.read ? s.read() : 0.0);
      out += '\n';
    } else {
      std::uint64_t cumulative = 0;
      for (std::size_t b = 0; b <= s.bounds.size(); ++b) {
        cumulative += total(s.slot + b);
        std::string le = "le=\"";
        if (b == s.bounds.size()) {
          le += "+Inf";
        } else {
          append_number(le, s.bounds[b]);
        }
        le += '"';
        out += s.name + "_bucket";
        append_labels(out, s.labels, le);
        out += ' ' + std::to_string(cumulative) + '\n';
      }
      out += s.name + "_sum";
      append_labels(out, s.labels);
      out += ' ';
      append_number(out, static_cast<double>(total(s.slot + s.bounds.size() + 1)) / sum_scale);
      out += '\n';
      out += s.name + "_count";
      append_labels(out, s.labels);
      out += ' ' + std::to_string(cumulative) + '\n';
    }
  }
  return out;
}

std::string metrics::escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

const std::vector<double>& metrics::latency_buckets() {
  static const std::vector<double> buckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                           0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                           1,      2.5,     5,      10};
  return buckets;
}

}  // namespace mcpgate::gateway
