// Evaluating the reference policy's five rules against a typical claim set, per request: the
// gateway's hot path for authorization. Goal: all five under 1 us, no heap allocation.
#include "cel/program.hpp"
#include "cel/request_binding.hpp"

#include "json/strict.hpp"
#include "reference_policy.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

namespace {

// Counts every allocation in the process so the benchmark can report allocations per iteration.
std::atomic<std::size_t> allocations{0};

}  // namespace

void* operator new(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) {
    return p;
  }
  throw std::bad_alloc{};
}
// GCC cannot see that the replaced operator new above uses malloc.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#pragma GCC diagnostic pop

namespace {

using namespace mcpgate;

using bench::reference_rules;

constexpr const char* typical_claims = R"({
  "iss": "https://mcp-demo.us.auth0.com/", "sub": "auth0|6543210fedcba", "aud": ["mcp-demo-api"],
  "iat": 1700000000, "exp": 1700086400, "azp": "abc123", "gty": "client-credentials",
  "scope": "openid profile email files:read files:delete",
  "https://mcp-demo/roles": ["user", "admin"], "https://mcp-demo/email": "ada@example.com"})";

// Every rule evaluated, as an Allow policy does when no rule matches early.
void bm_reference_policy(benchmark::State& state, const char* tool) {
  std::vector<cel::program> rules;
  for (const char* r : reference_rules) {
    rules.push_back(cel::program::compile(r).value());
  }
  const auto claims = json::parse(typical_claims).value();
  std::size_t before = 0;
  std::size_t iterations = 0;
  for (auto _ : state) {
    if (iterations == 0) {
      before = allocations.load();
    }
    cel::request_fields f;
    f.jwt = &claims.as_object();
    f.mcp_method = "tools/call";
    f.tool_name = tool;
    const cel::request_binding binding{f};
    int allowed = 0;
    for (const auto& r : rules) {
      allowed += r.evaluate_bool(binding.vars()) ? 1 : 0;
    }
    benchmark::DoNotOptimize(allowed);
    ++iterations;
  }
  state.counters["allocs_per_iter"] = benchmark::Counter(
      static_cast<double>(allocations.load() - before) / static_cast<double>(iterations));
}

BENCHMARK_CAPTURE(bm_reference_policy, delete_file, "delete_file");
BENCHMARK_CAPTURE(bm_reference_policy, echo, "echo");
BENCHMARK_CAPTURE(bm_reference_policy, unknown_tool, "not_a_tool");

}  // namespace

BENCHMARK_MAIN();
