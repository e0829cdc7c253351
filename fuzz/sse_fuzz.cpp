// Feeds bytes to the SSE reader and to the gateway's SSE list rewriter, as an upstream stream
// arrives: in pieces of varying size. Checks that
//  - the reader yields the same events (fields) whether the stream comes whole or in pieces, and
//    every event's raw extent lies inside what was fed, in order;
//  - the rewriter never lets a hidden tool through in the answer to the list request: the first
//    `message` event in its output answering id 1 lists only visible tools (or is an error).
// The first input byte picks the piece size.

#include "gateway/sse_filter.hpp"
#include "http/sse.hpp"
#include "json/strict.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using mcpgate::http::sse_event;
using mcpgate::http::sse_limits;
using mcpgate::http::sse_reader;

struct fields {
  std::string event, data, id;
  std::optional<std::uint64_t> retry;
  bool operator==(const fields&) const = default;
};

struct outcome {
  std::vector<fields> events;
  bool failed = false;
};

outcome read_all(std::string_view bytes, std::size_t piece, const sse_limits& limits) {
  sse_reader reader{limits};
  outcome out;
  std::uint64_t last_end = 0;
  auto on_event = [&](sse_event&& e) {
    if (e.raw_begin > e.raw_end || e.raw_end > reader.bytes_fed() || e.raw_begin < last_end) {
      std::abort();  // an extent outside the stream or out of order
    }
    last_end = e.raw_end;
    out.events.push_back({std::move(e.event), std::move(e.data), std::move(e.id), e.retry});
  };
  while (!bytes.empty()) {
    const auto n = std::min(piece, bytes.size());
    if (reader.feed(bytes.substr(0, n), on_event)) {
      out.failed = true;
      break;
    }
    bytes.remove_prefix(n);
  }
  return out;
}

bool visible(std::string_view name) {
  return name.find("hidden") == std::string_view::npos;
}

// The first event answering request 1, as the rewriter's own rule finds it.
void check_rewritten(std::string_view output) {
  sse_reader reader{sse_limits{1 << 24}};
  bool checked = false;
  (void)reader.feed(output, [&](sse_event&& e) {
    if (checked || !(e.event.empty() || e.event == "message")) {
      return;
    }
    auto msg = mcpgate::json::parse(e.data);
    if (!msg || !msg->is_object()) {
      return;
    }
    const auto& obj = msg->get_object();
    const auto* id = obj.if_contains("id");
    if (!id || *id != boost::json::value(1) || !(obj.contains("result") || obj.contains("error"))) {
      return;
    }
    checked = true;
    const auto* result = obj.if_contains("result");
    if (!result) {
      return;  // an error: nothing listed
    }
    const auto* tools = result->is_object() ? result->get_object().if_contains("tools") : nullptr;
    if (!tools || !tools->is_array()) {
      std::abort();  // a result that was not filtered
    }
    for (const auto& t : tools->get_array()) {
      const auto* name = t.is_object() ? t.get_object().if_contains("name") : nullptr;
      if (!name || !name->is_string() ||
          !visible({name->get_string().data(), name->get_string().size()})) {
        std::abort();  // a hidden or unnamed tool got through
      }
    }
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::size_t piece = (data[0] % 32) + 1;
  const std::string_view bytes{reinterpret_cast<const char*>(data) + 1, size - 1};
  sse_limits limits;
  limits.max_event_bytes = 4096;

  const auto whole = read_all(bytes, bytes.size() + 1, limits);
  const auto pieces = read_all(bytes, piece, limits);
  if (whole.failed != pieces.failed) {
    std::abort();  // the size limit must not depend on how the stream was split
  }
  if (!whole.failed && whole.events != pieces.events) {
    std::abort();  // events must not depend on how the stream was split
  }

  mcpgate::gateway::sse_list_rewriter rewriter{boost::json::value(1),
                                               mcpgate::mcp::list_kind::tools, visible, limits};
  std::string out;
  std::string_view rest = bytes;
  while (!rest.empty()) {
    const auto n = std::min(piece, rest.size());
    if (rewriter.feed(rest.substr(0, n), out)) {
      break;  // the stream is cut; what went out so far is still checked
    }
    rest.remove_prefix(n);
  }
  check_rewritten(out);
  return 0;
}
