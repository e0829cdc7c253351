#include "gateway/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mcpgate::gateway {
namespace {

TEST(metrics, sums_counters_over_workers) {
  metrics m{2};
  auto allow = m.add_counter("mcpgate_mcp_requests_total", "MCP requests", R"(method="tools/call",decision="allow")");
  auto deny = m.add_counter("mcpgate_mcp_requests_total", "MCP requests", R"(method="tools/call",decision="deny")");
  m.inc(0, allow);
  m.inc(1, allow, 2);
  m.inc(1, deny);
  const auto text = m.render();
  EXPECT_NE(text.find("# TYPE mcpgate_mcp_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("mcpgate_mcp_requests_total{method=\"tools/call\",decision=\"allow\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("mcpgate_mcp_requests_total{method=\"tools/call\",decision=\"deny\"} 1\n"), std::string::npos);
  // One HELP line per family.
  EXPECT_EQ(text.find("# HELP"), text.rfind("# HELP"));
}

TEST(metrics, histograms_are_cumulative) {
  metrics m{1};
  auto h = m.add_histogram("lat_seconds", "latency", "", {0.001, 0.01});
  m.observe(0, h, 0.0005);
  m.observe(0, h, 0.005);
  m.observe(0, h, 5);
  const auto text = m.render();
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.001\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.01\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_count 3\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_sum 5.0054"), std::string::npos);
}

TEST(metrics, gauges_read_at_scrape) {
  metrics m{1};
  double v = 1;
  m.add_gauge("ready", "ready", "", [&] { return v; });
  EXPECT_NE(m.render().find("ready 1\n"), std::string::npos);
  v = 0;
  EXPECT_NE(m.render().find("ready 0\n"), std::string::npos);
}

TEST(metrics, workers_update_concurrently) {
  metrics m{2};
  auto c = m.add_counter("c", "c");
  std::thread a{[&] {
    for (int i = 0; i < 100000; ++i) {
      m.inc(0, c);
    }
  }};
  std::thread b{[&] {
    for (int i = 0; i < 100000; ++i) {
      m.inc(1, c);
    }
  }};
  a.join();
  b.join();
  EXPECT_NE(m.render().find("c 200000\n"), std::string::npos);
}

TEST(metrics, escapes_label_values) { EXPECT_EQ(metrics::escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace mcpgate::gateway
