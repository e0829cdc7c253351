#pragma once

// Typed views of the params of the client requests a server acts on. Each parser checks the
// members the method needs and reports errc::missing_param (answered -32602) otherwise.

#include "core/result.hpp"
#include "mcp/model.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace mcpgate::mcp {

result<initialize_request> parse_initialize(const boost::json::object& params);

struct call_tool_params {
  std::string name;
  boost::json::object arguments;  // empty when absent
};
result<call_tool_params> parse_call_tool(const boost::json::object& params);
// The same, moving the arguments out of `params` instead of copying them.
result<call_tool_params> parse_call_tool(boost::json::object&& params);

struct get_prompt_params {
  std::string name;
  boost::json::object arguments;  // string values per the spec; empty when absent
};
result<get_prompt_params> parse_get_prompt(const boost::json::object& params);
result<get_prompt_params> parse_get_prompt(boost::json::object&& params);

// resources/read, resources/subscribe and resources/unsubscribe all carry just a uri.
result<std::string> parse_resource_uri(const boost::json::object& params);

result<log_level> parse_set_level(const boost::json::object& params);

// params._meta.progressToken (a string or an integer), or null when the caller wants no progress.
boost::json::value progress_token(const boost::json::object& params);

}  // namespace mcpgate::mcp
