#pragma once

#include "json/strict.hpp"
#include "mcp/error.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mcpgate::mcp {

enum class message_kind { request, notification, response, error_response };

std::string_view to_string(message_kind k) noexcept;

// A JSON-RPC error object (JSON-RPC 2.0 §5.1).
struct rpc_error {
  std::int64_t code = 0;
  std::string message;
  boost::json::value data;  // null when absent
};

// One validated JSON-RPC 2.0 message. Which members are meaningful depends on `kind`:
// request → id, method, params; notification → method, params; response → id, result;
// error_response → id (may be null), error.
// The JSON members live in the storage of the parsed text (parse_message's `sp`), so moving
// them out of the parse costs no copy.
struct message {
  message() = default;
  explicit message(const boost::json::storage_ptr& sp)
      : id(sp), params(sp), result(sp), error{0, {}, boost::json::value(sp)} {}

  message_kind kind = message_kind::request;
  boost::json::value id;  // a string or an integer; null for notifications
  std::string method;
  boost::json::object params;  // empty when absent
  bool has_params = false;
  boost::json::value result;
  rpc_error error;
};

// Limits on a JSON-RPC body. The defaults suit MCP traffic; a tool call's arguments are the
// largest part in practice.
struct message_limits {
  std::size_t max_bytes = 4 << 20;
  std::size_t max_depth = 64;
};

// Parses `text` strictly (duplicate members, invalid UTF-8 and trailing garbage refused) and
// validates it as one JSON-RPC 2.0 message. Arrays (batches) are refused: MCP 2025-06-18 removed
// them and a gateway must never let one element ride along with another. The message's JSON
// members (and an error's id) are allocated from `sp`, which must outlive them.
result<message, message_error> parse_message(std::string_view text, const message_limits& lim = {},
                                             const boost::json::storage_ptr& sp = {});

// Validates an already-parsed value as one JSON-RPC 2.0 message (moves out of `v`; the message
// keeps `v`'s storage).
result<message, message_error> validate_message(boost::json::value&& v);

// True for an id JSON-RPC and MCP allow: a string or an integer.
bool is_valid_id(const boost::json::value& id) noexcept;

// Builders for outgoing messages.
boost::json::object make_request(const boost::json::value& id, std::string_view method,
                                 boost::json::object params);
boost::json::object make_notification(std::string_view method, boost::json::object params);
boost::json::object make_result(const boost::json::value& id, boost::json::value result);
boost::json::object make_error(const boost::json::value& id, rpc_code code,
                               std::string_view message, boost::json::value data = nullptr);
boost::json::object make_error(const boost::json::value& id, std::int64_t code,
                               std::string_view message, boost::json::value data = nullptr);
// The error response for a refused message (its id, or null when it could not be read).
boost::json::object make_error(const message_error& e);

}  // namespace mcpgate::mcp
