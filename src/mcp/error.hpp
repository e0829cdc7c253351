#pragma once

#include "core/result.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <type_traits>

namespace mcpgate::mcp {

// The JSON-RPC 2.0 error codes (JSON-RPC 2.0 §5.1) that MCP uses.
enum class rpc_code : int {
  parse_error = -32700,       // the body is not JSON
  invalid_request = -32600,   // JSON, but not a valid JSON-RPC message (or a batch)
  method_not_found = -32601,  // no such method, or a capability the server does not have
  invalid_params = -32602,    // params missing or of the wrong shape; also unknown tool/prompt
  internal_error = -32603,    // a fault on our side
};

// Why a message was refused. Each value maps to one rpc_code (see rpc_code_for).
enum class errc {
  ok = 0,
  not_json = 1,              // the text does not parse as (strict) JSON
  batch_not_supported = 2,   // a JSON array: batches let a denied call ride with an allowed one
  not_an_object = 3,         // a scalar where a message object was expected
  bad_jsonrpc_version = 4,   // "jsonrpc" missing or not exactly "2.0"
  bad_id = 5,                // id missing where required, or not a string / integer
  bad_method = 6,            // method missing or not a string
  bad_params = 7,            // params present but not an object (MCP never uses by-position)
  bad_response = 8,          // a response with neither or both of result and error
  bad_error_object = 9,      // error member without integer code and string message
  missing_param = 10,        // a parameter the method needs is absent or has the wrong type
  unsupported_version = 11,  // protocol version the server does not speak
  request_without_id = 12,   // a request method sent as a notification (a server may still run it)
};

const boost::system::error_category& mcp_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), mcp_category()};
}

// The JSON-RPC code a refused message is answered with.
rpc_code rpc_code_for(const error_code& ec) noexcept;

// A refused message: why, a human-readable detail, and the id when it could be read so the error
// response can echo it (null otherwise, as JSON-RPC 2.0 §5 requires).
struct message_error {
  error_code code;
  std::string detail;
  boost::json::value id;

  rpc_code rpc() const noexcept { return rpc_code_for(code); }
  std::string message() const;
};

[[noreturn]] void throw_exception_from_error(const message_error& e,
                                             const boost::source_location& loc);

}  // namespace mcpgate::mcp

template <>
struct boost::system::is_error_code_enum<mcpgate::mcp::errc> : std::true_type {};
