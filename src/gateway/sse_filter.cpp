#include "gateway/sse_filter.hpp"

#include "gateway/list_filter.hpp"
#include "gateway/responses.hpp"
#include "json/strict.hpp"

namespace mcpgate::gateway {

sse_list_rewriter::sse_list_rewriter(boost::json::value request_id, mcp::list_kind kind,
                                     std::function<bool(std::string_view)> visible,
                                     http::sse_limits limits, list_cache* cache)
    : request_id_(std::move(request_id)),
      kind_{kind},
      visible_{std::move(visible)},
      cache_{cache},
      reader_{limits} {}

error_code sse_list_rewriter::feed(std::string_view bytes, std::string& out) {
  if (done_) {
    out.append(bytes);
    return {};
  }
  pending_.append(bytes);
  return reader_.feed(bytes, [&](http::sse_event&& ev) { on_event(std::move(ev), out); });
}

void sse_list_rewriter::on_event(http::sse_event&& ev, std::string& out) {
  const auto begin = static_cast<std::size_t>(ev.raw_begin - pending_base_);
  const auto end = static_cast<std::size_t>(ev.raw_end - pending_base_);
  bool ours = false;
  if (!done_ && (ev.event.empty() || ev.event == "message")) {
    if (auto msg = json::parse(ev.data); msg && msg->is_object()) {
      const auto* id = msg->get_object().if_contains("id");
      ours = id && *id == request_id_ &&
             (msg->get_object().contains("result") || msg->get_object().contains("error"));
    }
  }
  if (!ours) {
    // Complete: hand it on as it came.
    out.append(pending_, 0, end);
  } else {
    out.append(pending_, 0, begin);
    std::string data;
    if (auto filtered = filter_list(ev.data, kind_, visible_, cache_)) {
      data = std::move(filtered->body);
      removed_ = filtered->removed;
    } else {
      // Fail closed: the caller learns the list could not be checked, not what is in it.
      data = rpc_error_body(request_id_, -32603, "gateway could not filter the list response");
    }
    http::append_event(out, {ev.event, ev.id, data, ev.retry, true});
    done_ = true;
  }
  pending_.erase(0, end);
  pending_base_ = ev.raw_end;
  if (done_) {
    out.append(pending_);
    pending_.clear();
  }
}

}  // namespace mcpgate::gateway
