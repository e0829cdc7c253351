#include "mcp/requests.hpp"

#include "json/access.hpp"
#include "mcp/error.hpp"

#include <type_traits>
#include <utility>

namespace mcpgate::mcp {

namespace bj = boost::json;

namespace {

error_code missing() {
  return make_error_code(errc::missing_param);
}

}  // namespace

result<initialize_request> parse_initialize(const bj::object& params) {
  const bj::string* version = json::find_string(params, "protocolVersion");
  const bj::object* caps = json::find_object(params, "capabilities");
  const bj::object* info = json::find_object(params, "clientInfo");
  if (version == nullptr || caps == nullptr || info == nullptr) {
    return missing();
  }
  initialize_request r;
  r.protocol_version = std::string{json::view(*version)};
  r.capabilities.sampling = caps->contains("sampling");
  r.capabilities.elicitation = caps->contains("elicitation");
  r.capabilities.roots = caps->contains("roots");
  if (const bj::string* name = json::find_string(*info, "name")) {
    r.client_info.name = std::string{json::view(*name)};
  }
  if (const bj::string* v = json::find_string(*info, "version")) {
    r.client_info.version = std::string{json::view(*v)};
  }
  return r;
}

namespace {

// tools/call and prompts/get share one shape: a string "name" and optional object "arguments".
// The arguments are copied out of a const `params` (into the default storage) and moved out of an
// rvalue one (keeping its storage, so nothing is copied).
template <class Params, class Object>
result<Params> parse_named_call(Object&& params) {
  constexpr bool moving = std::is_rvalue_reference_v<Object&&>;
  const bj::string* name = json::find_string(params, "name");
  if (name == nullptr) {
    return missing();
  }
  Params r{std::string{json::view(*name)},
           bj::object(moving ? params.storage() : bj::storage_ptr{})};
  if (auto* args = params.if_contains("arguments")) {
    if (!args->is_object()) {
      return missing();
    }
    if constexpr (moving) {
      r.arguments = std::move(args->get_object());
    } else {
      r.arguments = args->get_object();
    }
  }
  return r;
}

}  // namespace

result<call_tool_params> parse_call_tool(const bj::object& params) {
  return parse_named_call<call_tool_params>(params);
}
result<call_tool_params> parse_call_tool(bj::object&& params) {
  return parse_named_call<call_tool_params>(std::move(params));
}

result<get_prompt_params> parse_get_prompt(const bj::object& params) {
  return parse_named_call<get_prompt_params>(params);
}
result<get_prompt_params> parse_get_prompt(bj::object&& params) {
  return parse_named_call<get_prompt_params>(std::move(params));
}

result<std::string> parse_resource_uri(const bj::object& params) {
  const bj::string* uri = json::find_string(params, "uri");
  if (uri == nullptr) {
    return missing();
  }
  return std::string{json::view(*uri)};
}

result<log_level> parse_set_level(const bj::object& params) {
  const bj::string* level = json::find_string(params, "level");
  if (level == nullptr) {
    return missing();
  }
  auto parsed = parse_log_level(json::view(*level));
  if (!parsed) {
    return missing();
  }
  return *parsed;
}

bj::value progress_token(const bj::object& params) {
  if (const bj::object* meta = json::find_object(params, "_meta")) {
    if (const bj::value* token = meta->if_contains("progressToken")) {
      if (token->is_string() || token->is_int64() || token->is_uint64()) {
        return *token;
      }
    }
  }
  return nullptr;
}

}  // namespace mcpgate::mcp
