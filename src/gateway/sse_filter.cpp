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
      visible_{[v = std::move(visible)](mcp::list_kind, std::string_view name) { return v(name); }},
      cache_{cache},
      reader_{limits} {}

sse_list_rewriter::sse_list_rewriter(visibility visible, http::sse_limits limits, list_cache* cache)
    : every_response_{true}, visible_{std::move(visible)}, cache_{cache}, reader_{limits} {}

error_code sse_list_rewriter::feed(std::string_view bytes, std::string& out) {
  if (done_) {
    out.append(bytes);
    return {};
  }
  pending_.append(bytes);
  const auto ec = reader_.feed(bytes, [&](http::sse_event&& ev) { on_event(std::move(ev), out); });
  // What was handed on goes once per piece, not once per event: a piece of many small events
  // would otherwise move the rest of the piece for every one of them.
  pending_.erase(0, handed_on_);
  pending_base_ += handed_on_;
  handed_on_ = 0;
  if (done_) {
    out.append(pending_);
    pending_.clear();
  }
  return ec;
}

mcp::list_kind sse_list_rewriter::list_in(const http::sse_event& ev) const {
  if (!ev.event.empty() && ev.event != "message") {
    return mcp::list_kind::none;
  }
  // A GET stream is mostly notifications: without an escape anywhere, a result member would be
  // spelt out, so an event without one is no response and is not parsed.
  if (every_response_ && ev.data.find('\\') == std::string::npos &&
      ev.data.find("\"result\"") == std::string::npos) {
    return mcp::list_kind::none;
  }
  auto msg = json::parse(ev.data);
  const auto* obj = msg ? msg->if_object() : nullptr;
  if (obj == nullptr) {
    return mcp::list_kind::none;
  }
  if (!every_response_) {
    const auto* id = obj->if_contains("id");
    const bool ours =
        id && *id == request_id_ && (obj->contains("result") || obj->contains("error"));
    return ours ? kind_ : mcp::list_kind::none;
  }
  const auto* result = obj->if_contains("result");
  if (result == nullptr || !result->is_object()) {
    return mcp::list_kind::none;
  }
  for (auto kind : {mcp::list_kind::tools, mcp::list_kind::prompts, mcp::list_kind::resources,
                    mcp::list_kind::resource_templates}) {
    if (result->get_object().contains(mcp::list_member(kind))) {
      return kind;
    }
  }
  return mcp::list_kind::none;
}

void sse_list_rewriter::on_event(http::sse_event&& ev, std::string& out) {
  const auto begin = static_cast<std::size_t>(ev.raw_begin - pending_base_);
  const auto end = static_cast<std::size_t>(ev.raw_end - pending_base_);
  const auto kind = done_ ? mcp::list_kind::none : list_in(ev);
  if (kind == mcp::list_kind::none) {
    // Complete: hand it on as it came.
    out.append(pending_, handed_on_, end - handed_on_);
  } else {
    out.append(pending_, handed_on_, begin - handed_on_);
    std::string data;
    const auto visible = [&](std::string_view name) { return visible_(kind, name); };
    if (auto filtered = filter_list(ev.data, kind, visible, cache_)) {
      data = std::move(filtered->body);
      removed_ += filtered->removed;
    } else {
      // Fail closed: the caller learns the list could not be checked, not what is in it.
      boost::json::value id = nullptr;
      if (auto msg = json::parse(ev.data); msg && msg->is_object()) {
        if (const auto* raw = msg->get_object().if_contains("id")) {
          id = *raw;
        }
      }
      data = rpc_error_body(id, -32603, "gateway could not filter the list response");
    }
    http::append_event(out, {ev.event, ev.id, data, ev.retry, true});
    rewritten_ = true;
    done_ = !every_response_;
  }
  handed_on_ = end;
}

}  // namespace mcpgate::gateway
