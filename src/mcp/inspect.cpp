#include "mcp/inspect.hpp"

#include "json/access.hpp"
#include "mcp/requests.hpp"

#include <utility>

namespace mcpgate::mcp {

result<message_info, message_error> inspect(std::string_view body, const message_limits& lim,
                                            const boost::json::storage_ptr& sp) {
  auto m = parse_message(body, lim, sp);
  if (!m) {
    return m.error();
  }
  return inspect(std::move(*m));
}

result<message_info, message_error> inspect(message&& m) {
  message_info info{m.id.storage()};
  info.kind = m.kind;
  info.id = std::move(m.id);
  if (m.kind == message_kind::response) {
    info.result = std::move(m.result);
    return info;
  }
  if (m.kind == message_kind::error_response) {
    info.error = std::move(m.error);
    return info;
  }
  info.method = std::move(m.method);
  info.method_id = classify(info.method);
  // JSON-RPC servers run notifications, they only do not answer them: a tools/call without an id
  // is still a call, and it would pass unauthorized. MCP's requests always carry an id.
  if (m.kind == message_kind::notification && info.method_id != method::unknown &&
      !is_notification_method(info.method_id)) {
    return message_error{make_error_code(errc::request_without_id), info.method, nullptr};
  }
  info.filterable =
      m.kind == message_kind::request ? list_kind_of(info.method_id) : list_kind::none;

  const auto refuse = [&](std::string detail) {
    return message_error{make_error_code(errc::missing_param), std::move(detail), info.id};
  };
  switch (info.method_id) {
    case method::tools_call: {
      auto p = parse_call_tool(std::move(m.params));
      if (!p) {
        return refuse("tools/call needs a string name and object arguments");
      }
      info.tool_name = std::move(p->name);
      info.tool_arguments = std::move(p->arguments);
      break;
    }
    case method::prompts_get: {
      auto p = parse_get_prompt(std::move(m.params));
      if (!p) {
        return refuse("prompts/get needs a string name and object arguments");
      }
      info.prompt_name = std::move(p->name);
      info.prompt_arguments = std::move(p->arguments);
      break;
    }
    case method::resources_read:
    case method::resources_subscribe:
    case method::resources_unsubscribe: {
      auto uri = parse_resource_uri(m.params);
      if (!uri) {
        return refuse(info.method + " needs a string uri");
      }
      info.resource_uri = std::move(*uri);
      break;
    }
    case method::completion_complete: {
      // The reference decides what is completed: its prompt or resource must be one the caller
      // may use, or the completion (and the server's "not found") would tell of hidden ones.
      const auto* ref = json::find_object(m.params, "ref");
      const auto* type = ref ? json::find_string(*ref, "type") : nullptr;
      const auto* prompt = ref ? json::find_string(*ref, "name") : nullptr;
      const auto* uri = ref ? json::find_string(*ref, "uri") : nullptr;
      if (type != nullptr && *type == "ref/prompt" && prompt != nullptr) {
        info.completes = method::prompts_get;
        info.prompt_name = std::string{json::view(*prompt)};
      } else if (type != nullptr && *type == "ref/resource" && uri != nullptr) {
        info.completes = method::resources_read;
        info.resource_uri = std::string{json::view(*uri)};
      } else {
        return refuse("completion/complete needs a ref to a prompt by name or a resource by uri");
      }
      break;
    }
    default:
      break;
  }
  return info;
}

}  // namespace mcpgate::mcp
