#pragma once

#include "gateway/list_filter.hpp"
#include "http/sse.hpp"
#include "mcp/methods.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace mcpgate::gateway {

// Rewrites the list response inside an SSE response stream (DESIGN.md: "SSE is parsed
// incrementally and streamed unbuffered, only list responses inside it are rewritten"). Bytes
// are handed on as soon as the events they belong to are complete; the one `message` event that
// answers the list request is replaced by its filtered form, and after it everything passes
// straight through. An unterminated event at the end of the stream is dropped, never passed on
// unfiltered.
class sse_list_rewriter {
 public:
  // `cache`, when given, is the worker's (filter_list) and must outlive the rewriter.
  sse_list_rewriter(boost::json::value request_id, mcp::list_kind kind,
                    std::function<bool(std::string_view)> visible, http::sse_limits limits = {},
                    list_cache* cache = nullptr);

  // Parses upstream bytes and appends what may go downstream now to `out`. An error (an event
  // over the size limit) means the stream must be cut.
  error_code feed(std::string_view bytes, std::string& out);

  // The list response has been found and rewritten.
  bool rewritten() const noexcept { return done_; }
  std::size_t removed() const noexcept { return removed_; }

 private:
  void on_event(http::sse_event&& ev, std::string& out);

  boost::json::value request_id_;  // initialised with (), not {}: braces would make an array
  mcp::list_kind kind_;
  std::function<bool(std::string_view)> visible_;
  list_cache* cache_;
  http::sse_reader reader_;
  std::string pending_;             // bytes read but not yet handed on
  std::uint64_t pending_base_ = 0;  // stream offset of pending_[0]
  bool done_ = false;
  std::size_t removed_ = 0;
};

}  // namespace mcpgate::gateway
