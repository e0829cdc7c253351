#include "server/mcp_server.hpp"

#include "json/access.hpp"
#include "mcp/methods.hpp"
#include "mcp/protocol.hpp"
#include "mcp/requests.hpp"
#include "mcp/schema_check.hpp"

#include <exception>
#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;
using mcp::rpc_code;

namespace {

bj::object invalid_params(const bj::value& id, std::string_view why) {
  return mcp::make_error(id, rpc_code::invalid_params, why);
}

}  // namespace

mcp_server::mcp_server(server_options options, registry tools, std::shared_ptr<server_stats> stats)
    : options_(std::move(options)),
      registry_(std::move(tools)),
      stats_(std::move(stats)),
      sessions_(options_.sessions) {}

bj::object mcp_server::capabilities() const {
  bj::object caps;
  caps["logging"] = bj::object{};
  caps["completions"] = bj::object{};
  if (registry_.has_tools()) {
    caps["tools"] = bj::object{{"listChanged", false}};
  }
  if (registry_.has_prompts()) {
    caps["prompts"] = bj::object{{"listChanged", false}};
  }
  if (registry_.has_resources()) {
    caps["resources"] = bj::object{{"subscribe", true}, {"listChanged", false}};
  }
  return caps;
}

mcp_server::initialized mcp_server::initialize(const mcp::message& request) {
  stats_->requests.fetch_add(1, std::memory_order_relaxed);
  auto params = mcp::parse_initialize(request.params);
  if (!params) {
    return {invalid_params(request.id,
                           "initialize needs protocolVersion, capabilities and "
                           "clientInfo"),
            nullptr};
  }
  const std::string_view version = mcp::negotiate_protocol_version(params->protocol_version);
  auto created =
      sessions_.create(std::string{version}, params->capabilities, std::move(params->client_info));
  if (!created) {
    return {mcp::make_error(request.id, rpc_code::internal_error,
                            "cannot open a session: " + created.error().message()),
            nullptr};
  }
  stats_->sessions_opened.fetch_add(1, std::memory_order_relaxed);
  bj::object result;
  result["protocolVersion"] = version;
  result["capabilities"] = capabilities();
  result["serverInfo"] = options_.info.to_json();
  if (!options_.instructions.empty()) {
    result["instructions"] = options_.instructions;
  }
  return {mcp::make_result(request.id, std::move(result)), std::move(*created)};
}

http::task<bj::object> mcp_server::handle(mcp::message m, session& s, request_context& ctx) {
  stats_->requests.fetch_add(1, std::memory_order_relaxed);
  const bj::value id = m.id;
  const auto unsupported = [&] {
    return mcp::make_error(id, rpc_code::method_not_found, "Method not found: " + m.method);
  };
  try {
    switch (mcp::classify(m.method)) {
      case mcp::method::ping:
        co_return mcp::make_result(id, bj::object{});
      case mcp::method::initialize:
        co_return mcp::make_error(id, rpc_code::invalid_request, "session already initialized");
      case mcp::method::tools_list:
        if (!registry_.has_tools()) {
          co_return unsupported();
        }
        co_return mcp::make_result(id, bj::object{{"tools", registry_.list_tools()}});
      case mcp::method::tools_call:
        if (!registry_.has_tools()) {
          co_return unsupported();
        }
        co_return co_await call_tool(m, ctx);
      case mcp::method::prompts_list:
        if (!registry_.has_prompts()) {
          co_return unsupported();
        }
        co_return mcp::make_result(id, bj::object{{"prompts", registry_.list_prompts()}});
      case mcp::method::prompts_get:
        if (!registry_.has_prompts()) {
          co_return unsupported();
        }
        co_return get_prompt(m);
      case mcp::method::resources_list:
        if (!registry_.has_resources()) {
          co_return unsupported();
        }
        co_return mcp::make_result(id, bj::object{{"resources", registry_.list_resources()}});
      case mcp::method::resources_templates_list:
        if (!registry_.has_resources()) {
          co_return unsupported();
        }
        co_return mcp::make_result(id,
                                   bj::object{{"resourceTemplates", registry_.list_templates()}});
      case mcp::method::resources_read:
        if (!registry_.has_resources()) {
          co_return unsupported();
        }
        co_return read_resource(m);
      case mcp::method::resources_subscribe:
      case mcp::method::resources_unsubscribe: {
        if (!registry_.has_resources()) {
          co_return unsupported();
        }
        auto uri = mcp::parse_resource_uri(m.params);
        if (!uri) {
          co_return invalid_params(id, "a string uri is required");
        }
        if (m.method == "resources/unsubscribe") {
          s.unsubscribe(*uri);
        } else if (!s.subscribe(std::move(*uri))) {
          co_return mcp::make_error(id, rpc_code::invalid_request, "too many subscriptions");
        }
        co_return mcp::make_result(id, bj::object{});
      }
      case mcp::method::logging_set_level: {
        auto level = mcp::parse_set_level(m.params);
        if (!level) {
          co_return invalid_params(id,
                                   "level must be one of debug, info, notice, warning, "
                                   "error, critical, alert, emergency");
        }
        s.set_log_level(*level);
        co_return mcp::make_result(id, bj::object{});
      }
      case mcp::method::completion_complete:
        co_return complete(m);
      default:
        co_return unsupported();
    }
  } catch (const std::exception& e) {
    // Handlers return errors as values; this is the last guard (allocation failure and the like)
    // so that one bad call answers -32603 instead of tearing down the connection.
    co_return mcp::make_error(id, rpc_code::internal_error, e.what());
  }
}

http::task<bj::object> mcp_server::call_tool(const mcp::message& m, request_context& ctx) {
  auto params = mcp::parse_call_tool(m.params);
  if (!params) {
    co_return invalid_params(m.id, "tools/call needs a string name and object arguments");
  }
  const registered_tool* t = registry_.find_tool(params->name);
  if (t == nullptr) {
    co_return invalid_params(m.id, "Unknown tool: " + params->name);
  }
  stats_->tool_calls.fetch_add(1, std::memory_order_relaxed);
  // Invalid arguments are a tool execution error (MCP 2025-11-25, SEP-1303): the model sees the
  // reason and can correct the call.
  if (auto violation =
          mcp::check_against_schema(t->definition.input_schema, bj::value(params->arguments))) {
    co_return mcp::make_result(
        m.id, mcp::tool_result::error("Invalid arguments for " + params->name + ": " + *violation)
                  .to_json());
  }
  mcp::tool_result r = co_await t->handler(params->arguments, ctx);
  co_return mcp::make_result(m.id, r.to_json());
}

bj::object mcp_server::get_prompt(const mcp::message& m) const {
  auto params = mcp::parse_get_prompt(m.params);
  if (!params) {
    return invalid_params(m.id, "prompts/get needs a string name");
  }
  const registered_prompt* p = registry_.find_prompt(params->name);
  if (p == nullptr) {
    return invalid_params(m.id, "Unknown prompt: " + params->name);
  }
  for (const auto& arg : p->definition.arguments) {
    const bj::value* v = params->arguments.if_contains(arg.name);
    if (arg.required && (v == nullptr || !v->is_string())) {
      return invalid_params(m.id, "Missing required argument: " + arg.name);
    }
  }
  return mcp::make_result(m.id, p->handler(params->arguments));
}

bj::object mcp_server::read_resource(const mcp::message& m) const {
  auto uri = mcp::parse_resource_uri(m.params);
  if (!uri) {
    return invalid_params(m.id, "resources/read needs a string uri");
  }
  auto contents = registry_.read(*uri);
  if (!contents) {
    return mcp::make_error(m.id, resource_not_found_code, "Resource not found",
                           bj::object{{"uri", *uri}});
  }
  return mcp::make_result(m.id, bj::object{{"contents", std::move(*contents)}});
}

bj::object mcp_server::complete(const mcp::message& m) const {
  const bj::object* ref = json::find_object(m.params, "ref");
  const bj::object* argument = json::find_object(m.params, "argument");
  const bj::string* type = ref != nullptr ? json::find_string(*ref, "type") : nullptr;
  const bj::string* arg_name = argument != nullptr ? json::find_string(*argument, "name") : nullptr;
  const bj::string* typed = argument != nullptr ? json::find_string(*argument, "value") : nullptr;
  if (type == nullptr || arg_name == nullptr || typed == nullptr) {
    return invalid_params(m.id, "completion/complete needs ref.type and argument.name/value");
  }
  const completer* fn = nullptr;
  if (*type == "ref/prompt") {
    const bj::string* name = json::find_string(*ref, "name");
    const registered_prompt* p =
        name != nullptr ? registry_.find_prompt(json::view(*name)) : nullptr;
    if (p == nullptr) {
      return invalid_params(m.id, "Unknown prompt");
    }
    fn = &p->complete;
  } else if (*type == "ref/resource") {
    const bj::string* uri = json::find_string(*ref, "uri");
    const registered_template* t =
        uri != nullptr ? registry_.find_template(json::view(*uri)) : nullptr;
    if (t == nullptr) {
      return invalid_params(m.id, "Unknown resource template");
    }
    fn = &t->complete;
  } else {
    return invalid_params(m.id, "ref.type must be ref/prompt or ref/resource");
  }
  bj::array values;
  std::size_t total = 0;
  if (*fn) {
    for (auto& v : (*fn)(json::view(*arg_name), json::view(*typed))) {
      if (values.size() < options_.max_completion_values) {
        values.emplace_back(v);
      }
      ++total;
    }
  }
  bj::object completion;
  completion["values"] = std::move(values);
  completion["total"] = total;
  completion["hasMore"] = total > options_.max_completion_values;
  return mcp::make_result(m.id, bj::object{{"completion", std::move(completion)}});
}

}  // namespace mcpgate::server
