#pragma once

#include "core/result.hpp"
#include "mcp/methods.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace mcpgate::gateway {

struct filtered_list {
  std::string body;  // the JSON-RPC message with the hidden entries removed
  std::size_t kept = 0;
  std::size_t removed = 0;
};

enum class filter_errc {
  ok = 0,
  not_json = 1,      // the upstream message is not strict JSON
  not_a_result = 2,  // no result object (an error response passes through unfiltered)
  bad_shape = 3,     // the list member is missing or not an array
};

// Removes from a JSON-RPC response to a list request (tools/list: result.tools[].name,
// prompts/list, resources/list: uri, resources/templates/list: uriTemplate) every entry for which
// `visible(name)` is false. An entry without a string name is removed too: what cannot be checked
// is not shown. An error response is returned unchanged (kept = removed = 0). The message must be
// strict JSON (json::validate); names, member names included, are compared decoded. The output is
// the message with the removed entries and their separating commas cut out, every other byte as
// it came.
result<filtered_list> filter_list(std::string_view message, mcp::list_kind kind,
                                  const std::function<bool(std::string_view)>& visible);

const boost::system::error_category& filter_category() noexcept;
inline error_code make_error_code(filter_errc e) noexcept {
  return {static_cast<int>(e), filter_category()};
}

}  // namespace mcpgate::gateway

template <>
struct boost::system::is_error_code_enum<mcpgate::gateway::filter_errc> : std::true_type {};
