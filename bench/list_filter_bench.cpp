// Filtering a tools/list response of 100 tools (~21 KB, the list of bench/gateway/run.mjs) down
// to the three a typical caller may see. Peers in the same run: the former approach (strict DOM
// parse, erase, serialize) and json::validate alone, the floor of the in-place filter. Goal:
// filter_list adds at most 20 us per list, policy decisions included.
#include "gateway/list_filter.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

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

BENCHMARK(bm_filter_list)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_dom_filter)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_validate)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
