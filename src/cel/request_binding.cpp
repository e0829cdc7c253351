#include "cel/request_binding.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace mcpgate::cel {

request_binding::request_binding(const request_fields& f) {
  // `arguments` is left out when absent, so has(mcp.tool.arguments) is false and reading it is
  // an error rather than null.
  tool_[0] = {"name", value::borrowed_string(f.tool_name)};
  std::size_t tool_size = 1;
  if (f.tool_arguments != nullptr) {
    tool_[1] = {"arguments", value::from_json(*f.tool_arguments)};
    tool_size = 2;
  }
  prompt_[0] = {"name", value::borrowed_string(f.prompt_name)};
  resource_[0] = {"uri", value::borrowed_string(f.resource_uri)};
  mcp_ = {{{"method", value::borrowed_string(f.mcp_method)},
           {"tool", value::borrowed_map(std::span{tool_.data(), tool_size})},
           {"prompt", value::borrowed_map(prompt_)},
           {"resource", value::borrowed_map(resource_)}}};
  request_ = {{{"method", value::borrowed_string(f.http_method)},
               {"path", value::borrowed_string(f.http_path)},
               {"headers", value::borrowed_map(f.headers)}}};
  source_[0] = {"address", value::borrowed_string(f.source_address)};
  if (f.jwt != nullptr) {
    vars_.bind("jwt", value::json_map(*f.jwt));
  }
  vars_.bind("mcp", value::borrowed_map(mcp_));
  vars_.bind("request", value::borrowed_map(request_));
  vars_.bind("source", value::borrowed_map(source_));
}

}  // namespace mcpgate::cel
