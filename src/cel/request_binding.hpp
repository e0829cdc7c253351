#pragma once

#include "cel/activation.hpp"
#include "cel/value.hpp"

#include <boost/json/fwd.hpp>

#include <array>
#include <span>
#include <string_view>

namespace mcpgate::cel {

// What the gateway knows about one request, as borrowed views (nothing is copied).
struct request_fields {
  const boost::json::object* jwt = nullptr;  // verified claims; null when unauthenticated
  std::string_view mcp_method;               // "tools/call", "tools/list", ...
  std::string_view tool_name;
  const boost::json::value* tool_arguments = nullptr;  // absent while filtering a list
  std::string_view prompt_name;
  std::string_view resource_uri;
  std::string_view http_method;
  std::string_view http_path;
  std::span<const borrowed_entry> headers;  // lower-case names
  std::string_view source_address;
};

// Binds the policy variables of DESIGN.md for one request: `jwt` (the claims object, unbound when
// unauthenticated so referencing it is an error), `mcp` {method, tool: {name, arguments},
// prompt: {name}, resource: {uri}}, `request` {method, path, headers} and `source` {address}.
// The maps are borrowed entries held inside this object, so building it allocates nothing; keep
// it (and what `fields` points to) alive while evaluating. Not copyable: the activation points
// into it.
class request_binding {
 public:
  explicit request_binding(const request_fields& fields);
  request_binding(const request_binding&) = delete;
  request_binding& operator=(const request_binding&) = delete;

  const activation& vars() const noexcept { return vars_; }

 private:
  std::array<borrowed_entry, 2> tool_;
  std::array<borrowed_entry, 1> prompt_;
  std::array<borrowed_entry, 1> resource_;
  std::array<borrowed_entry, 4> mcp_;
  std::array<borrowed_entry, 3> request_;
  std::array<borrowed_entry, 1> source_;
  activation vars_;
};

}  // namespace mcpgate::cel
