#include "server/streamable_http.hpp"

#include "http/sse.hpp"
#include "mcp/methods.hpp"
#include "mcp/protocol.hpp"
#include "mcp/requests.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;
namespace net = http::net;
using http::task;

namespace {

constexpr std::string_view json_type = "application/json";
constexpr std::string_view sse_type = "text/event-stream";

bool contains_ci(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

std::string_view header(const http::request& req, std::string_view name) {
  auto it = req.find(name);
  return it == req.end() ? std::string_view{} : std::string_view{it->value()};
}

std::string_view header(const http::request& req, http::field f) {
  auto it = req.find(f);
  return it == req.end() ? std::string_view{} : std::string_view{it->value()};
}

http::response json_response(const http::request& req, http::status st, const bj::object& body,
                             std::string_view session_id = {}) {
  http::response res{st, req.version()};
  res.set(http::field::content_type, json_type);
  if (!session_id.empty()) {
    res.set(mcp::session_id_header, session_id);
  }
  res.body() = bj::serialize(body);
  return res;
}

// Transport-level refusals carry a JSON-RPC error body with a null id, as the reference SDKs do.
http::response refuse(const http::request& req, http::status st, std::string_view why,
                      mcp::rpc_code code = mcp::rpc_code::invalid_request) {
  return json_response(req, st, mcp::make_error(nullptr, code, why));
}

http::response empty_response(const http::request& req, http::status st) {
  http::response res{st, req.version()};
  return res;
}

// The POST exchange as a handler sees it: replies go back as one JSON body unless something is
// sent first, which switches the response to an SSE stream.
class post_context final : public request_context {
 public:
  post_context(http::exchange& ex, session& s, bj::value progress_token,
               const session_limits& limits)
      : ex_(ex), session_(s), token_(std::move(progress_token)), limits_(limits) {}

  const http::request& http_request() const noexcept override { return ex_.req(); }
  const mcp::client_capabilities& client_capabilities() const noexcept override {
    return session_.capabilities();
  }
  const bj::value& progress_token() const noexcept override { return token_; }

  task<void> notify(std::string_view method, bj::object params) override {
    co_await send(mcp::make_notification(method, std::move(params)));
  }

  task<void> log(mcp::log_level level, bj::value data, std::string_view logger) override {
    if (level < session_.log_level()) {
      co_return;
    }
    co_await notify("notifications/message",
                    mcp::log_message_params(level, std::move(data), logger));
  }

  task<client_reply> ask_client(std::string_view method, bj::object params) override {
    const mcp::method m = mcp::classify(method);
    if ((m == mcp::method::sampling_create_message && !session_.capabilities().sampling) ||
        (m == mcp::method::elicitation_create && !session_.capabilities().elicitation) ||
        (m == mcp::method::roots_list && !session_.capabilities().roots)) {
      co_return failure(mcp::rpc_code::method_not_found,
                        "the client did not declare the capability for " + std::string{method});
    }
    auto pending = std::make_shared<pending_reply>(co_await net::this_coro::executor);
    auto id = session_.begin_request(pending);
    if (!id) {
      co_return failure(mcp::rpc_code::internal_error, "too many requests awaiting the client");
    }
    co_await send(mcp::make_request(*id, method, std::move(params)));
    const auto deadline = std::chrono::steady_clock::now() + limits_.reply_timeout;
    for (;;) {
      if (auto reply = session_.take_reply(*id, false)) {
        co_return std::move(*reply);
      }
      if (broken_ || std::chrono::steady_clock::now() >= deadline) {
        session_.take_reply(*id, true);
        co_return failure(mcp::rpc_code::internal_error,
                          broken_ ? "the client went away" : "the client did not reply in time");
      }
      pending->timer.expires_at(deadline);
      error_code ec;
      co_await pending->timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
  }

  // Sends the final response: as the last SSE event when streaming, else as a JSON body.
  task<void> finish(const bj::object& response) {
    if (!streaming_) {
      co_await ex_.respond(json_response(ex_.req(), http::status::ok, response, session_.id()));
      co_return;
    }
    co_await send(response);
    if (!broken_) {
      co_await ex_.finish();
    }
  }

 private:
  static client_reply failure(mcp::rpc_code code, std::string message) {
    client_reply r;
    r.error.code = static_cast<std::int64_t>(code);
    r.error.message = std::move(message);
    return r;
  }

  task<void> send(const bj::object& msg) {
    if (broken_) {
      co_return;
    }
    if (!streaming_) {
      http::stream_header h{http::status::ok, ex_.req().version()};
      h.set(http::field::content_type, sse_type);
      h.set(http::field::cache_control, "no-cache");
      h.set(mcp::session_id_header, session_.id());
      streaming_ = true;
      if (co_await ex_.begin_stream(std::move(h))) {
        broken_ = true;
        co_return;
      }
    }
    const std::string data = bj::serialize(msg);
    http::sse_message event;
    event.data = data;
    if (co_await ex_.write(http::format_event(event))) {
      broken_ = true;
    }
  }

  http::exchange& ex_;
  session& session_;
  bj::value token_;
  const session_limits& limits_;
  bool streaming_ = false;
  bool broken_ = false;  // the client stopped reading; the handler still runs to its end
};

class transport {
 public:
  transport(std::shared_ptr<mcp_server> server, transport_options options)
      : server_(std::move(server)), options_(std::move(options)) {}

  task<void> handle(http::exchange& ex) {
    const http::request& req = ex.req();
    std::string_view target = req.target();
    target = target.substr(0, target.find('?'));
    if (target != options_.path) {
      co_await ex.respond(refuse(req, http::status::not_found, "Not Found"));
      co_return;
    }
    if (!request_allowed(options_.origins, header(req, http::field::host),
                         header(req, http::field::origin))) {
      co_await ex.respond(
          refuse(req, http::status::forbidden, "Forbidden: Host or Origin not allowed"));
      co_return;
    }
    if (auto v = header(req, mcp::protocol_version_header);
        !v.empty() && !mcp::is_supported_protocol_version(v)) {
      co_await ex.respond(
          refuse(req, http::status::bad_request,
                 "Bad Request: unsupported MCP-Protocol-Version " + std::string{v}));
      co_return;
    }
    switch (req.method()) {
      case http::verb::post:
        co_await on_post(ex);
        break;
      case http::verb::get:
        co_await on_get(ex);
        break;
      case http::verb::delete_:
        co_await on_delete(ex);
        break;
      default: {
        http::response res = refuse(req, http::status::method_not_allowed, "Method Not Allowed");
        res.set(http::field::allow, "GET, POST, DELETE");
        co_await ex.respond(std::move(res));
      }
    }
  }

 private:
  // The session named by Mcp-Session-Id, or the refusal to send (400 without the header, 404 for
  // an unknown or ended session: the client must then initialize again).
  std::shared_ptr<session> session_for(const http::request& req, http::response& refusal) {
    const std::string_view id = header(req, mcp::session_id_header);
    if (id.empty()) {
      refusal =
          refuse(req, http::status::bad_request, "Bad Request: Mcp-Session-Id header is required");
      return nullptr;
    }
    auto s = server_->sessions().find(id);
    if (!s) {
      refusal = refuse(req, http::status::not_found, "Session not found");
    }
    return s;
  }

  task<void> on_post(http::exchange& ex) {
    const http::request& req = ex.req();
    if (!contains_ci(header(req, http::field::content_type), json_type)) {
      co_await ex.respond(refuse(req, http::status::unsupported_media_type,
                                 "Unsupported Media Type: Content-Type must be application/json"));
      co_return;
    }
    const std::string_view accept = header(req, http::field::accept);
    if (!contains_ci(accept, "*/*") &&
        !(contains_ci(accept, json_type) && contains_ci(accept, sse_type))) {
      co_await ex.respond(refuse(req, http::status::not_acceptable,
                                 "Not Acceptable: Accept must list application/json and "
                                 "text/event-stream"));
      co_return;
    }
    auto parsed = mcp::parse_message(req.body(), options_.message_limits);
    if (!parsed) {
      co_await ex.respond(
          json_response(req, http::status::bad_request, mcp::make_error(parsed.error())));
      co_return;
    }
    mcp::message& m = *parsed;
    if (m.kind == mcp::message_kind::request && m.method == "initialize") {
      auto init = server_->initialize(m);
      const std::string_view sid = init.created ? std::string_view{init.created->id()} : "";
      co_await ex.respond(json_response(req, http::status::ok, init.response, sid));
      co_return;
    }
    http::response refusal;
    auto s = session_for(req, refusal);
    if (!s) {
      co_await ex.respond(std::move(refusal));
      co_return;
    }
    switch (m.kind) {
      case mcp::message_kind::response:
      case mcp::message_kind::error_response: {
        client_reply reply;
        if (m.kind == mcp::message_kind::response) {
          reply.result = std::move(m.result);
        } else {
          reply.error = std::move(m.error);
        }
        s->complete_request(m.id, std::move(reply));
        co_await ex.respond(empty_response(req, http::status::accepted));
        co_return;
      }
      case mcp::message_kind::notification:
        // initialized, cancelled, roots/list_changed: nothing to answer.
        co_await ex.respond(empty_response(req, http::status::accepted));
        co_return;
      case mcp::message_kind::request:
        break;
    }
    post_context ctx{ex, *s, mcp::progress_token(m.params), server_->sessions().limits()};
    bj::object response = co_await server_->handle(std::move(m), *s, ctx);
    co_await ctx.finish(response);
  }

  task<void> on_get(http::exchange& ex) {
    const http::request& req = ex.req();
    if (!contains_ci(header(req, http::field::accept), sse_type)) {
      co_await ex.respond(refuse(req, http::status::not_acceptable,
                                 "Not Acceptable: Accept must list text/event-stream"));
      co_return;
    }
    http::response refusal;
    auto s = session_for(req, refusal);
    if (!s) {
      co_await ex.respond(std::move(refusal));
      co_return;
    }
    http::stream_header h{http::status::ok, req.version()};
    h.set(http::field::content_type, sse_type);
    h.set(http::field::cache_control, "no-cache");
    h.set(mcp::session_id_header, s->id());
    if (co_await ex.begin_stream(std::move(h))) {
      co_return;
    }
    using namespace net::experimental::awaitable_operators;
    co_await (ex.wait_client_gone() || hold_stream(ex, s));
    if (!ex.client_gone()) {
      co_await ex.finish();
    }
  }

  // Keeps a GET stream open until its session ends (or the client leaves: the caller races this
  // against wait_client_gone).
  task<void> hold_stream(http::exchange& ex, std::shared_ptr<session> s) {
    net::steady_timer timer{co_await net::this_coro::executor};
    auto last_write = std::chrono::steady_clock::now();
    while (!s->closed()) {
      timer.expires_after(options_.session_check_interval);
      error_code ec;
      co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        co_return;  // cancelled: the client went away
      }
      if (std::chrono::steady_clock::now() - last_write >= options_.keepalive_interval) {
        std::string comment;
        http::append_comment(comment, "keepalive");
        if (co_await ex.write(comment)) {
          co_return;
        }
        last_write = std::chrono::steady_clock::now();
      }
    }
  }

  task<void> on_delete(http::exchange& ex) {
    const http::request& req = ex.req();
    const std::string_view id = header(req, mcp::session_id_header);
    if (id.empty()) {
      co_await ex.respond(
          refuse(req, http::status::bad_request, "Bad Request: Mcp-Session-Id header is required"));
      co_return;
    }
    if (!server_->sessions().erase(id)) {
      co_await ex.respond(refuse(req, http::status::not_found, "Session not found"));
      co_return;
    }
    co_await ex.respond(empty_response(req, http::status::ok));
  }

  std::shared_ptr<mcp_server> server_;
  transport_options options_;
};

}  // namespace

http::handler make_streamable_http_handler(std::shared_ptr<mcp_server> server,
                                           transport_options options) {
  auto t = std::make_shared<transport>(std::move(server), std::move(options));
  // The handler owns the transport; each call runs in the caller's coroutine and is awaited.
  return [t](http::exchange& ex) -> task<void> { return t->handle(ex); };
}

}  // namespace mcpgate::server
