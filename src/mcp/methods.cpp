#include "mcp/methods.hpp"

#include <array>
#include <utility>

namespace mcpgate::mcp {

namespace {

constexpr std::array<std::pair<method, std::string_view>, 26> names{{
    {method::initialize, "initialize"},
    {method::ping, "ping"},
    {method::tools_list, "tools/list"},
    {method::tools_call, "tools/call"},
    {method::prompts_list, "prompts/list"},
    {method::prompts_get, "prompts/get"},
    {method::resources_list, "resources/list"},
    {method::resources_templates_list, "resources/templates/list"},
    {method::resources_read, "resources/read"},
    {method::resources_subscribe, "resources/subscribe"},
    {method::resources_unsubscribe, "resources/unsubscribe"},
    {method::logging_set_level, "logging/setLevel"},
    {method::completion_complete, "completion/complete"},
    {method::sampling_create_message, "sampling/createMessage"},
    {method::elicitation_create, "elicitation/create"},
    {method::roots_list, "roots/list"},
    {method::notifications_initialized, "notifications/initialized"},
    {method::notifications_cancelled, "notifications/cancelled"},
    {method::notifications_progress, "notifications/progress"},
    {method::notifications_message, "notifications/message"},
    {method::notifications_resources_updated, "notifications/resources/updated"},
    {method::notifications_resources_list_changed, "notifications/resources/list_changed"},
    {method::notifications_tools_list_changed, "notifications/tools/list_changed"},
    {method::notifications_prompts_list_changed, "notifications/prompts/list_changed"},
    {method::notifications_roots_list_changed, "notifications/roots/list_changed"},
    {method::notifications_elicitation_complete, "notifications/elicitation/complete"},
}};

}  // namespace

method classify(std::string_view name) noexcept {
  for (const auto& [m, n] : names) {
    if (n == name) {
      return m;
    }
  }
  return method::unknown;
}

std::string_view method_name(method m) noexcept {
  for (const auto& [id, n] : names) {
    if (id == m) {
      return n;
    }
  }
  return {};
}

direction direction_of(method m) noexcept {
  switch (m) {
    case method::unknown:
      return direction::unknown;
    case method::ping:
    case method::notifications_cancelled:
    case method::notifications_progress:
      return direction::either;
    case method::sampling_create_message:
    case method::elicitation_create:
    case method::roots_list:
    case method::notifications_message:
    case method::notifications_resources_updated:
    case method::notifications_resources_list_changed:
    case method::notifications_tools_list_changed:
    case method::notifications_prompts_list_changed:
    case method::notifications_elicitation_complete:
      return direction::server_to_client;
    default:
      return direction::client_to_server;
  }
}

bool is_notification_method(method m) noexcept {
  return method_name(m).starts_with("notifications/");
}

list_kind list_kind_of(method m) noexcept {
  switch (m) {
    case method::tools_list:
      return list_kind::tools;
    case method::prompts_list:
      return list_kind::prompts;
    case method::resources_list:
      return list_kind::resources;
    case method::resources_templates_list:
      return list_kind::resource_templates;
    default:
      return list_kind::none;
  }
}

std::string_view list_member(list_kind k) noexcept {
  switch (k) {
    case list_kind::tools:
      return "tools";
    case list_kind::prompts:
      return "prompts";
    case list_kind::resources:
      return "resources";
    case list_kind::resource_templates:
      return "resourceTemplates";
    case list_kind::none:
      break;
  }
  return {};
}

std::string_view list_key(list_kind k) noexcept {
  switch (k) {
    case list_kind::tools:
    case list_kind::prompts:
      return "name";
    case list_kind::resources:
      return "uri";
    case list_kind::resource_templates:
      return "uriTemplate";
    case list_kind::none:
      break;
  }
  return {};
}

}  // namespace mcpgate::mcp
