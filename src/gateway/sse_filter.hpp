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

// Rewrites the list responses inside an SSE stream (DESIGN.md: "SSE is parsed incrementally and
// streamed unbuffered, only list responses inside it are rewritten"). Bytes are handed on as soon
// as the blocks they belong to are complete (events, and comments such as keep-alives); an
// unterminated event at the end of the stream is dropped, never passed on unfiltered. Two modes:
//  - the answer to one list request (a POST's stream): the `message` event that answers it is
//    replaced by its filtered form, and after it everything passes straight through. Before it,
//    any other result holding that list is filtered too (an id written in another form is still
//    the answer), and a message event that is not strict JSON cuts the stream: it may be the
//    answer, and a lenient client could read a list in it;
//  - every response (a GET stream, which a server uses to replay the messages of a broken stream
//    when the client resumes with Last-Event-ID): each response whose result holds a list
//    (`tools`, `prompts`, `resources`, `resourceTemplates`) is filtered as that kind of list, and
//    a message event that may be a response but is not strict JSON is dropped.
class sse_list_rewriter {
 public:
  using visibility = std::function<bool(mcp::list_kind, std::string_view)>;

  // The answer to `request_id`, a `kind` list. `cache`, when given, is the worker's (filter_list)
  // and must outlive the rewriter.
  sse_list_rewriter(boost::json::value request_id, mcp::list_kind kind,
                    std::function<bool(std::string_view)> visible, http::sse_limits limits = {},
                    list_cache* cache = nullptr);

  // Every response that carries a list.
  explicit sse_list_rewriter(visibility visible, http::sse_limits limits = {},
                             list_cache* cache = nullptr);

  // Parses upstream bytes and appends what may go downstream now to `out`. An error (an event
  // over the size limit) means the stream must be cut.
  error_code feed(std::string_view bytes, std::string& out);

  // A list response has been found and rewritten (the one asked for, or any in the second mode).
  bool rewritten() const noexcept { return rewritten_; }
  // Entries removed, over all the lists rewritten.
  std::size_t removed() const noexcept { return removed_; }

 private:
  enum class action { pass, rewrite, drop, cut };
  struct verdict {
    action what = action::pass;
    mcp::list_kind kind = mcp::list_kind::none;  // rewrite: the list it holds
    bool answer = false;                         // rewrite: the answer to the list request
  };
  void on_event(http::sse_event&& ev, std::string& out);
  // What to do with `ev`: pass it, rewrite the list it holds, or (not strict JSON) drop it from a
  // GET stream or cut a POST's stream, whose answer it may be.
  verdict judge(const http::sse_event& ev) const;

  bool every_response_ = false;
  boost::json::value request_id_;  // the first mode's; initialised with (): braces make an array
  mcp::list_kind kind_ = mcp::list_kind::none;
  visibility visible_;
  list_cache* cache_;
  http::sse_reader reader_;
  std::string pending_;             // bytes of unfinished events (and, during feed, finished ones)
  std::uint64_t pending_base_ = 0;  // stream offset of pending_[0]
  std::size_t handed_on_ = 0;       // during feed: how much of pending_ has gone to `out`
  error_code cut_;                  // the stream must end here (a message that is not strict JSON)
  bool done_ = false;  // first mode: the answer is rewritten, the rest passes straight through
  bool rewritten_ = false;
  std::size_t removed_ = 0;
};

}  // namespace mcpgate::gateway
