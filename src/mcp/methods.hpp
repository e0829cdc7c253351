#pragma once

#include <cstdint>
#include <string_view>

namespace mcpgate::mcp {

// Every method MCP 2025-11-25 defines. `unknown` is a method we do not know (a newer revision's,
// or a typo): a server answers it with -32601 and a gateway passes it through untouched.
enum class method : std::uint8_t {
  unknown,
  // client → server requests
  initialize,
  ping,
  tools_list,
  tools_call,
  prompts_list,
  prompts_get,
  resources_list,
  resources_templates_list,
  resources_read,
  resources_subscribe,
  resources_unsubscribe,
  logging_set_level,
  completion_complete,
  // server → client requests
  sampling_create_message,
  elicitation_create,
  roots_list,
  // notifications, either direction
  notifications_initialized,
  notifications_cancelled,
  notifications_progress,
  notifications_message,
  notifications_resources_updated,
  notifications_resources_list_changed,
  notifications_tools_list_changed,
  notifications_prompts_list_changed,
  notifications_roots_list_changed,
  notifications_elicitation_complete,
};

enum class direction : std::uint8_t {
  client_to_server,
  server_to_client,
  either,  // ping, progress and cancellation go both ways
  unknown,
};

method classify(std::string_view name) noexcept;
std::string_view method_name(method m) noexcept;
direction direction_of(method m) noexcept;
bool is_notification_method(method m) noexcept;

// The list methods whose results a gateway filters per caller.
enum class list_kind : std::uint8_t { none, tools, prompts, resources, resource_templates };

list_kind list_kind_of(method m) noexcept;
// The member of the list result that holds the entries: "tools", "prompts", "resources",
// "resourceTemplates"; empty for none.
std::string_view list_member(list_kind k) noexcept;
// The entry member that names it: "name" for tools and prompts, "uri" for resources,
// "uriTemplate" for templates.
std::string_view list_key(list_kind k) noexcept;

}  // namespace mcpgate::mcp
