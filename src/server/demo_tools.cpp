#include "server/demo_tools.hpp"

#include "json/access.hpp"
#include "server/system_status.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;

namespace {

bj::object schema(std::string_view text) {
  // Our own literals: a parse failure is a programming error caught by the first test run.
  return bj::parse(text).as_object();
}

mcp::tool_result json_result(bj::object value) {
  mcp::tool_result r = mcp::tool_result::text(bj::serialize(value));
  r.structured_content = std::move(value);
  return r;
}

std::string_view string_arg(const bj::object& args, std::string_view key) {
  const bj::string* s = json::find_string(args, key);
  return s != nullptr ? json::view(*s) : std::string_view{};
}

void add_echo(registry& reg) {
  mcp::tool t;
  t.name = "echo";
  t.title = "Echo";
  t.description = "Returns the message it is given.";
  t.input_schema = schema(R"({"type":"object","properties":{"message":{"type":"string",
      "description":"Text to send back"}},"required":["message"],"additionalProperties":false})");
  t.annotations.read_only_hint = true;
  t.annotations.idempotent_hint = true;
  t.annotations.open_world_hint = false;
  reg.add_tool(std::move(t),
               [](const bj::object& args, request_context&) -> http::task<mcp::tool_result> {
                 co_return mcp::tool_result::text(string_arg(args, "message"));
               });
}

void add_get_user_info(registry& reg, std::shared_ptr<identity_verifier> identities) {
  mcp::tool t;
  t.name = "get_user_info";
  t.title = "Who am I";
  t.description =
      "Returns the caller's identity as asserted by the gateway (verified signature), or "
      "'anonymous' when the request carries no identity.";
  t.input_schema = schema(R"({"type":"object","properties":{},"additionalProperties":false})");
  t.annotations.read_only_hint = true;
  t.annotations.open_world_hint = false;
  reg.add_tool(
      std::move(t),
      [identities](const bj::object&, request_context& ctx) -> http::task<mcp::tool_result> {
        const auto& req = ctx.http_request();
        auto it = req.find(identity_header);
        const std::string_view value =
            it == req.end() ? std::string_view{} : std::string_view{it->value()};
        identity who = identities->check(value);
        switch (who.status) {
          case identity::kind::anonymous:
            co_return json_result({{"user", "anonymous"}, {"authenticated", false}});
          case identity::kind::rejected:
            co_return mcp::tool_result::error(who.reason);
          case identity::kind::verified:
            break;
        }
        bj::object out;
        const bj::string* sub = json::find_string(who.claims, "sub");
        out["user"] = sub != nullptr ? bj::value(*sub) : bj::value("unknown");
        out["authenticated"] = true;
        out["claims"] = std::move(who.claims);
        co_return json_result(std::move(out));
      });
}

void add_list_files(registry& reg, std::shared_ptr<const sandbox> files) {
  mcp::tool t;
  t.name = "list_files";
  t.title = "List files";
  t.description = "Lists the files in a directory of the sandbox (the root when no path is given).";
  t.input_schema = schema(R"({"type":"object","properties":{"path":{"type":"string",
      "description":"Directory relative to the sandbox root"}},"additionalProperties":false})");
  t.annotations.read_only_hint = true;
  t.annotations.open_world_hint = false;
  reg.add_tool(
      std::move(t),
      [files](const bj::object& args, request_context&) -> http::task<mcp::tool_result> {
        const std::string_view path = string_arg(args, "path");
        auto entries = files->list(path);
        if (!entries) {
          co_return mcp::tool_result::error("Cannot list '" + std::string{path} +
                                            "': " + entries.error().message());
        }
        bj::array list;
        for (const auto& e : *entries) {
          bj::object item{{"name", e.name}, {"type", to_string(e.type)}};
          if (e.type == entry_type::file) {
            item["size"] = e.size;
          }
          list.push_back(std::move(item));
        }
        co_return json_result({{"path", path.empty() ? "." : path}, {"entries", std::move(list)}});
      });
}

void add_delete_file(registry& reg, std::shared_ptr<const sandbox> files) {
  mcp::tool t;
  t.name = "delete_file";
  t.title = "Delete file";
  t.description =
      "Deletes one regular file inside the sandbox. Directories, symbolic links and paths "
      "outside the sandbox are refused.";
  t.input_schema = schema(R"({"type":"object","properties":{"path":{"type":"string",
      "description":"File relative to the sandbox root"}},"required":["path"],
      "additionalProperties":false})");
  t.annotations.read_only_hint = false;
  t.annotations.destructive_hint = true;
  t.annotations.idempotent_hint = false;
  t.annotations.open_world_hint = false;
  reg.add_tool(std::move(t),
               [files](const bj::object& args, request_context&) -> http::task<mcp::tool_result> {
                 const std::string_view path = string_arg(args, "path");
                 if (auto ec = files->remove_file(path)) {
                   co_return mcp::tool_result::error("Cannot delete '" + std::string{path} +
                                                     "': " + ec.message());
                 }
                 co_return json_result({{"deleted", path}});
               });
}

void add_system_status(registry& reg, demo_dependencies deps) {
  mcp::tool t;
  t.name = "system_status";
  t.title = "System status";
  t.description = "Server version, uptime, load, memory and requests served.";
  t.input_schema = schema(R"({"type":"object","properties":{},"additionalProperties":false})");
  t.annotations.read_only_hint = true;
  t.annotations.open_world_hint = false;
  reg.add_tool(
      std::move(t), [deps](const bj::object&, request_context&) -> http::task<mcp::tool_result> {
        const mcp_server* srv = deps.server ? *deps.server : nullptr;
        co_return json_result(
            system_status(deps.version, *deps.stats, srv != nullptr ? srv->open_sessions() : 0));
      });
}

}  // namespace

void register_demo_tools(registry& reg, demo_dependencies deps) {
  add_echo(reg);
  add_get_user_info(reg, deps.identities);
  add_list_files(reg, deps.files);
  add_delete_file(reg, deps.files);
  add_system_status(reg, std::move(deps));
}

}  // namespace mcpgate::server
