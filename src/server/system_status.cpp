#include "server/system_status.hpp"

#include <sys/sysinfo.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

namespace mcpgate::server {

namespace bj = boost::json;

namespace {

// Resident set size from /proc/self/statm (pages), in bytes; 0 when unavailable.
std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) {
    return 0;
  }
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
}

}  // namespace

bj::object system_status(std::string_view version, const server_stats& stats,
                         std::size_t open_sessions) {
  bj::object out;
  out["version"] = version;
  const auto uptime = std::chrono::steady_clock::now() - stats.started;
  out["uptimeSeconds"] = std::chrono::duration_cast<std::chrono::seconds>(uptime).count();

  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) == 3) {
    out["load"] = bj::object{{"1m", load[0]}, {"5m", load[1]}, {"15m", load[2]}};
  }
  bj::object memory;
  struct sysinfo si {};
  if (::sysinfo(&si) == 0) {
    const auto unit = static_cast<std::uint64_t>(si.mem_unit);
    memory["totalBytes"] = static_cast<std::uint64_t>(si.totalram) * unit;
    memory["freeBytes"] = static_cast<std::uint64_t>(si.freeram) * unit;
  }
  if (const std::uint64_t rss = resident_bytes(); rss != 0) {
    memory["processResidentBytes"] = rss;
  }
  out["memory"] = std::move(memory);
  out["requestsServed"] = stats.requests.load(std::memory_order_relaxed);
  out["toolCalls"] = stats.tool_calls.load(std::memory_order_relaxed);
  out["sessionsOpened"] = stats.sessions_opened.load(std::memory_order_relaxed);
  out["sessionsOpen"] = open_sessions;
  return out;
}

}  // namespace mcpgate::server
