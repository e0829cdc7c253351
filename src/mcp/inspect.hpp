#pragma once

// What a gateway needs to know about one MCP message before it decides on it. The body is parsed
// strictly and validated as one JSON-RPC message; the method's own target (tool, prompt, resource)
// is extracted and checked, so a call whose target cannot be read is refused rather than passed
// on unauthorized.

#include "mcp/error.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/methods.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace mcpgate::mcp {

// The JSON members live in the storage given at construction; inspect() uses the message's, so
// nothing is copied out of the parse.
struct message_info {
  message_info() = default;
  explicit message_info(const boost::json::storage_ptr& sp)
      : id(sp),
        tool_arguments(sp),
        prompt_arguments(sp),
        result(sp),
        error{0, {}, boost::json::value(sp)} {}

  message_kind kind = message_kind::request;
  boost::json::value id;  // request/response id; null for notifications
  std::string method;     // as sent (requests and notifications)
  mcp::method method_id = mcp::method::unknown;
  std::string tool_name;                 // tools/call
  boost::json::object tool_arguments;    // tools/call (empty when absent)
  std::string prompt_name;               // prompts/get
  boost::json::object prompt_arguments;  // prompts/get
  std::string resource_uri;  // resources/read, resources/subscribe, resources/unsubscribe
  // completion/complete: the call whose argument it completes (prompts_get with prompt_name, or
  // resources_read with resource_uri, the template's), authorized as that call.
  mcp::method completes = mcp::method::unknown;
  // For list requests: which list the result will hold, so the gateway can filter it per caller.
  list_kind filterable = list_kind::none;
  // Responses: the result or error (so a gateway can filter a list result it routed).
  boost::json::value result;
  rpc_error error;
};

// Inspects one JSON-RPC body. Errors: errc::not_json (-32700), batch_not_supported,
// request_without_id (a known request method sent as a notification) and other shape errors
// (-32600), missing_param when tools/call has no string name, prompts/get no name,
// resources/read|subscribe|unsubscribe no uri, or completion/complete no ref to a prompt by name
// or a resource by uri (-32602). message_error::id carries the request id
// when it could be read, for the error response. The JSON members of the result (and the error's
// id) are allocated from `sp`, which must outlive them: a request-scoped monotonic resource makes
// the parse a few block allocations instead of one per container and key.
result<message_info, message_error> inspect(std::string_view body, const message_limits& lim = {},
                                            const boost::json::storage_ptr& sp = {});

// The same on an already validated message (moves out of it; the result keeps its storage).
result<message_info, message_error> inspect(message&& m);

}  // namespace mcpgate::mcp
