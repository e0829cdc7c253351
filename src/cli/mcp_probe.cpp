#include "cli/mcp_probe.hpp"

#include "http/client.hpp"
#include "http/sse.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace mcpgate::cli {

namespace bj = boost::json;

namespace {

struct rpc_session {
  std::string url;
  std::string session_id;

  http::fetch_options options(const bj::object& message) const {
    http::fetch_options o;
    o.method = http::verb::post;
    o.body = bj::serialize(message);
    o.content_type = "application/json";
    o.headers = {{"Accept", "application/json, text/event-stream"},
                 {"MCP-Protocol-Version", "2025-06-18"}};
    if (!session_id.empty()) {
      o.headers.emplace_back("Mcp-Session-Id", session_id);
    }
    return o;
  }

  // Sends a request and returns its result object (from a JSON or an SSE response).
  bj::object request(std::int64_t id, std::string_view method, bj::object params) {
    auto res = http::fetch(
        url, options({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}));
    if (!res) {
      throw std::runtime_error(url + ": " + res.error().message());
    }
    if (res->result() != http::status::ok) {
      throw std::runtime_error(url + ": " + std::string{method} + " answered HTTP " +
                               std::to_string(res->result_int()));
    }
    if (auto sid = res->find("Mcp-Session-Id"); sid != res->end()) {
      session_id.assign(sid->value().data(), sid->value().size());
    }
    std::string body = res->body();
    const auto type = (*res)[http::field::content_type];
    if (type.starts_with("text/event-stream")) {
      http::sse_reader reader;
      std::string found;
      reader.feed(body, [&](http::sse_event&& ev) {
        if (found.empty() && ev.data.find("\"id\"") != std::string::npos) {
          found = std::move(ev.data);
        }
      });
      body = std::move(found);
    }
    auto msg = json::parse(body);
    if (!msg || !msg->is_object()) {
      throw std::runtime_error(url + ": " + std::string{method} +
                               ": the answer is not a JSON-RPC message");
    }
    if (const auto* err = json::find_object(msg->get_object(), "error")) {
      throw std::runtime_error(url + ": " + std::string{method} + ": " + bj::serialize(*err));
    }
    const auto* result = json::find_object(msg->get_object(), "result");
    if (!result) {
      throw std::runtime_error(url + ": " + std::string{method} + ": no result");
    }
    return *result;
  }

  void notify(std::string_view method) {
    (void)http::fetch(url, options({{"jsonrpc", "2.0"}, {"method", method}}));
  }

  void end() {
    if (session_id.empty()) {
      return;
    }
    http::fetch_options o;
    o.method = http::verb::delete_;
    o.headers = {{"Mcp-Session-Id", session_id}};
    (void)http::fetch(url, o);
  }
};

}  // namespace

std::vector<std::string> list_backend_tools(const std::string& url) {
  rpc_session s{url, {}};
  s.request(1, "initialize",
            {{"protocolVersion", "2025-06-18"},
             {"capabilities", bj::object{}},
             {"clientInfo", {{"name", "mcpgate policy check"}, {"version", "1"}}}});
  s.notify("notifications/initialized");
  std::vector<std::string> names;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    bj::object params;
    if (!cursor.empty()) {
      params["cursor"] = cursor;
    }
    const auto result = s.request(2 + page, "tools/list", std::move(params));
    if (const auto* tools = json::find_array(result, "tools")) {
      for (const auto& t : *tools) {
        if (const auto* name =
                t.is_object() ? json::find_string(t.get_object(), "name") : nullptr) {
          names.emplace_back(json::view(*name));
        }
      }
    }
    const auto* next = json::find_string(result, "nextCursor");
    if (!next || next->empty()) {
      break;
    }
    cursor = std::string{json::view(*next)};
  }
  s.end();
  return names;
}

}  // namespace mcpgate::cli
