// Filtering a tools/list response of 100 tools (~21 KB, the list of bench/gateway/run.mjs) down
// to the three a typical caller may see. Peers in the same run: the former approach (strict DOM
// parse, erase, serialize) and json::validate alone, the floor of the in-place filter. Then the
// gateway's path: a worker's list_cache holding the list from an earlier response (another
// JSON-RPC id), and the reference policy deciding each entry for a caller with files:read.
// Goal (issue 9): filtering adds at most 20 us per list, policy decisions included.
#include "cel/request_binding.hpp"
#include "config/policy.hpp"
#include "gateway/authorizer.hpp"
#include "gateway/list_filter.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"
#include "reference_policy.hpp"

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

using namespace mcpgate;
namespace bj = boost::json;

// toolsList() of bench/gateway/run.mjs, serialized as JSON.stringify does.
std::string tools_list() {
  constexpr std::array<const char*, 5> named = {"echo", "get_user_info", "list_files",
                                                "delete_file", "system_status"};
  bj::array tools;
  for (int i = 0; i < 100; ++i) {
    char numbered[16];
    std::snprintf(numbered, sizeof numbered, "tool_%03d", i);
    tools.push_back(
        bj::object{{"name", i < static_cast<int>(named.size()) ? named[static_cast<std::size_t>(i)]
                                                               : numbered},
                   {"description", "Benchmark tool number " + std::to_string(i) +
                                       ": does nothing, answers with a fixed text."},
                   {"inputSchema",
                    {{"type", "object"},
                     {"properties", {{"path", {{"type", "string"}, {"description", "a path"}}}}},
                     {"required", bj::array{}}}}});
  }
  return bj::serialize(bj::object{
      {"jsonrpc", "2.0"}, {"id", 1}, {"result", bj::object{{"tools", std::move(tools)}}}});
}

const std::string list = tools_list();

bool visible(std::string_view name) {
  constexpr std::array<std::string_view, 3> allowed = {"echo", "get_user_info", "list_files"};
  return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
}

void report(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * list.size()));
  state.counters["list_bytes"] = static_cast<double>(list.size());
}

// How many tools the last iteration kept: 3 when it did the job.
void report(benchmark::State& state, std::size_t kept) {
  report(state);
  state.counters["kept"] = static_cast<double>(kept);
}

void bm_filter_list(benchmark::State& state) {
  std::size_t kept = 0;
  for (auto _ : state) {
    auto r = gateway::filter_list(list, mcp::list_kind::tools, visible);
    benchmark::DoNotOptimize(r);
    kept = r ? r->kept : 0;
  }
  report(state, kept);
}

// What filter_list did before: parse to a DOM, keep the visible entries, serialize.
void bm_dom_filter(benchmark::State& state) {
  std::size_t shown = 0;
  for (auto _ : state) {
    auto doc = json::parse(list).value();
    auto& entries = doc.at("result").at("tools").as_array();
    bj::array kept(entries.storage());
    kept.reserve(entries.size());
    for (auto& entry : entries) {
      const bj::string* name =
          entry.is_object() ? json::find_string(entry.get_object(), "name") : nullptr;
      if (name && visible(json::view(*name))) {
        kept.push_back(std::move(entry));
      }
    }
    shown = kept.size();
    entries = std::move(kept);
    auto body = bj::serialize(doc);
    benchmark::DoNotOptimize(body);
  }
  report(state, shown);
}

void bm_validate(benchmark::State& state) {
  for (auto _ : state) {
    auto r = json::validate(list);
    benchmark::DoNotOptimize(r);
  }
  report(state);
}

// The same list in a response to another request: only the id differs.
std::string with_id(std::string_view id) {
  std::string out = list;
  const std::string one = R"("id":1)";
  out.replace(out.find(one), one.size(), std::string{R"("id":)"} + std::string{id});
  return out;
}

void bm_filter_list_cached(benchmark::State& state) {
  gateway::list_cache cache;
  (void)gateway::filter_list(list, mcp::list_kind::tools, visible, &cache);
  const std::string next = with_id("2");
  std::size_t kept = 0;
  for (auto _ : state) {
    auto r = gateway::filter_list(next, mcp::list_kind::tools, visible, &cache);
    benchmark::DoNotOptimize(r);
    kept = r ? r->kept : 0;
  }
  report(state, kept);
}

// The reference policy decides each entry.
gateway::authorizer reference_policy() {
  config::mcp_authorization block;
  for (const char* e : bench::reference_rules) {
    block.expressions.push_back({e, {}});
  }
  return gateway::authorizer::compile({block});
}

void bm_filter_list_policy(benchmark::State& state, bool cached) {
  const auto rules = reference_policy();
  const auto claims =
      json::parse(
          R"({"sub":"reader","scope":"openid profile files:read","https://mcp-demo/roles":[]})")
          .value();
  const auto decide = [&](std::string_view name) {
    cel::request_fields f;
    f.jwt = &claims.get_object();
    f.mcp_method = "tools/call";
    f.tool_name = name;
    f.http_method = "POST";
    f.http_path = "/mcp";
    return rules.decide(f, gateway::authorize_mode::list).allowed;
  };
  gateway::list_cache cache;
  (void)gateway::filter_list(list, mcp::list_kind::tools, decide, &cache);
  const std::string next = with_id("2");
  std::size_t kept = 0;
  for (auto _ : state) {
    auto r = gateway::filter_list(next, mcp::list_kind::tools, decide, cached ? &cache : nullptr);
    benchmark::DoNotOptimize(r);
    kept = r ? r->kept : 0;
  }
  report(state, kept);
}

BENCHMARK(bm_filter_list)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_filter_list_cached)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_filter_list_policy, read, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_filter_list_policy, cached, true)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_dom_filter)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_validate)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
