// Feeds bytes to the SSE reader and to the gateway's SSE list rewriter, as an upstream stream
// arrives: in pieces of varying size. Checks that
//  - the reader yields the same events (fields) whether the stream comes whole or in pieces, and
//    every event's raw extent lies inside what was fed, in order;
//  - the rewriter never lets a hidden tool through in the answer to the list request: the first
//    `message` event in its output answering id 1 lists only visible tools (or is an error);
//  - in its every-response mode (GET streams), no `message` event in its output carries a tools
//    result with a hidden tool, whatever its id.
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

void check_tools(const boost::json::value& tools) {
  if (!tools.is_array()) {
    std::abort();  // a result that was not filtered
  }
  for (const auto& t : tools.get_array()) {
    const auto* name = t.is_object() ? t.get_object().if_contains("name") : nullptr;
    if (!name || !name->is_string() ||
        !visible({name->get_string().data(), name->get_string().size()})) {
      std::abort();  // a hidden or unnamed tool got through
    }
  }
}

// The message events of `output` that parse strictly, as objects.
template <class F>
void for_each_message(std::string_view output, F&& f) {
  sse_reader reader{sse_limits{1 << 24}};
  (void)reader.feed(output, [&](sse_event&& e) {
    if (!(e.event.empty() || e.event == "message")) {
      return;
    }
    if (auto msg = mcpgate::json::parse(e.data); msg && msg->is_object()) {
      f(msg->get_object());
    }
  });
}

// The first event answering request 1, as the rewriter's own rule finds it.
void check_rewritten(std::string_view output) {
  bool checked = false;
  for_each_message(output, [&](const boost::json::object& obj) {
    const auto* id = obj.if_contains("id");
    if (checked || !id || *id != boost::json::value(1) ||
        !(obj.contains("result") || obj.contains("error"))) {
      return;
    }
    checked = true;
    const auto* result = obj.if_contains("result");
    if (!result) {
      return;  // an error: nothing listed
    }
    const auto* tools = result->is_object() ? result->get_object().if_contains("tools") : nullptr;
    if (!tools) {
      std::abort();  // a result that was not filtered
    }
    check_tools(*tools);
  });
}

// Every response with a tools list, whatever its id.
void check_every(std::string_view output) {
  for_each_message(output, [&](const boost::json::object& obj) {
    const auto* result = obj.if_contains("result");
    const auto* tools =
        result && result->is_object() ? result->get_object().if_contains("tools") : nullptr;
    if (tools) {
      check_tools(*tools);
    }
  });
}

// Feeds `bytes` to `rewriter` in pieces; what went out before a cut is still returned.
std::string rewrite(mcpgate::gateway::sse_list_rewriter& rewriter, std::string_view bytes,
                    std::size_t piece) {
  std::string out;
  while (!bytes.empty()) {
    const auto n = std::min(piece, bytes.size());
    if (rewriter.feed(bytes.substr(0, n), out)) {
      break;
    }
    bytes.remove_prefix(n);
  }
  return out;
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
  check_rewritten(rewrite(rewriter, bytes, piece));

  mcpgate::gateway::sse_list_rewriter every{
      [](mcpgate::mcp::list_kind, std::string_view name) { return visible(name); }, limits};
  check_every(rewrite(every, bytes, piece));
  return 0;
}
