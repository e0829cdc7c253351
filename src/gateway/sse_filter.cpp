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
  if (cut_) {
    return cut_;
  }
  if (done_) {
    out.append(bytes);
    return {};
  }
  pending_.append(bytes);
  const auto ec = reader_.feed(bytes, [&](http::sse_event&& ev) { on_event(std::move(ev), out); });
  if (cut_) {
    return cut_;
  }
  // Blocks that dispatched nothing (a server's ": keepalive" comments) go on at once too, so a
  // stream that is quiet but for them reaches the client and holds nothing here.
  const auto finished = static_cast<std::size_t>(reader_.block_begin() - pending_base_);
  if (finished > handed_on_) {
    out.append(pending_, handed_on_, finished - handed_on_);
    handed_on_ = finished;
  }
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

sse_list_rewriter::verdict sse_list_rewriter::judge(const http::sse_event& ev) const {
  if (!ev.event.empty() && ev.event != "message") {
    return {};  // not a JSON-RPC message: clients ignore other types
  }
  // A GET stream is mostly notifications: without an escape anywhere, a result member would be
  // spelt out, so an event without one is no response and is not parsed.
  if (every_response_ && ev.data.find('\\') == std::string::npos &&
      ev.data.find("\"result\"") == std::string::npos) {
    return {};
  }
  auto msg = json::parse(ev.data);
  const auto* obj = msg ? msg->if_object() : nullptr;
  if (obj == nullptr) {
    // Not strict JSON (a duplicate member, a lone surrogate): a lenient client might read a list
    // in it, so it never goes on. The answer may be this event: a POST's stream is cut.
    return {every_response_ ? action::drop : action::cut};
  }
  const auto* result = obj->if_contains("result");
  const auto* members = result != nullptr ? result->if_object() : nullptr;
  const auto holds = [&](mcp::list_kind k) {
    return members != nullptr && members->contains(mcp::list_member(k));
  };
  if (!every_response_) {
    const auto* id = obj->if_contains("id");
    const bool answer = id && *id == request_id_ && (result != nullptr || obj->contains("error"));
    // Any result carrying the list is filtered, the answer or not (an id the server wrote in
    // another form, 1.0 for 1, is still this list).
    if (answer || holds(kind_)) {
      return {action::rewrite, kind_, answer};
    }
    return {};
  }
  for (auto kind : {mcp::list_kind::tools, mcp::list_kind::prompts, mcp::list_kind::resources,
                    mcp::list_kind::resource_templates}) {
    if (holds(kind)) {
      return {action::rewrite, kind, false};
    }
  }
  return {};
}

void sse_list_rewriter::on_event(http::sse_event&& ev, std::string& out) {
  if (cut_) {
    return;
  }
  const auto begin = static_cast<std::size_t>(ev.raw_begin - pending_base_);
  const auto end = static_cast<std::size_t>(ev.raw_end - pending_base_);
  const auto v = done_ ? verdict{} : judge(ev);
  switch (v.what) {
    case action::pass:
      out.append(pending_, handed_on_, end - handed_on_);
      break;
    case action::drop:
      out.append(pending_, handed_on_, begin - handed_on_);
      break;
    case action::cut:
      cut_ = make_error_code(filter_errc::not_json);
      return;
    case action::rewrite: {
      out.append(pending_, handed_on_, begin - handed_on_);
      std::string data;
      const auto visible = [&](std::string_view name) { return visible_(v.kind, name); };
      if (auto filtered = filter_list(ev.data, v.kind, visible, cache_)) {
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
      done_ = v.answer;
      break;
    }
  }
  handed_on_ = end;
}

}  // namespace mcpgate::gateway
