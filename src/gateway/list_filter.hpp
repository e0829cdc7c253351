#pragma once

#include "core/result.hpp"
#include "mcp/methods.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Where the entries of one list result are and what they are called, read from the result's
// bytes (the value of the message's `result` member).
struct list_index {
  struct entry {
    std::size_t begin = 0;  // offsets into `result`
    std::size_t end = 0;
    std::optional<std::string> name;  // decoded; none when the entry has no string name
  };
  mcp::list_kind kind = mcp::list_kind::none;
  std::string result;
  std::size_t first = 0;  // just past the list's '[' and the whitespace after it
  std::vector<entry> entries;
};

// The last list result a worker read, per kind. Reading a list means validating all of it
// strictly; an upstream sends the same list again and again (only the JSON-RPC id around it
// changes), so when a message's result is byte for byte the one kept here, only the rest of the
// message is validated and the index is reused. One per worker: no lock.
class list_cache {
 public:
  // Results larger than this are read every time rather than kept.
  static constexpr std::size_t max_result_bytes = 1 << 20;

  const list_index* find(mcp::list_kind kind) const noexcept;
  void keep(list_index index);

 private:
  static constexpr std::size_t kinds =
      static_cast<std::size_t>(mcp::list_kind::resource_templates) + 1;
  std::array<std::optional<list_index>, kinds> last_;  // by list_kind
};

// Removes from a JSON-RPC response to a list request (tools/list: result.tools[].name,
// prompts/list, resources/list: uri, resources/templates/list: uriTemplate) every entry for which
// `visible(name)` is false. An entry without a string name is removed too: what cannot be checked
// is not shown. An error response is returned unchanged (kept = removed = 0). The message must be
// strict JSON (json::validate); names, member names included, are compared decoded. The output is
// the message with the removed entries and their separating commas cut out, every other byte as
// it came. With a `cache`, an unchanged list is not read again (see list_cache).
result<filtered_list> filter_list(std::string_view message, mcp::list_kind kind,
                                  const std::function<bool(std::string_view)>& visible,
                                  list_cache* cache = nullptr);

const boost::system::error_category& filter_category() noexcept;
inline error_code make_error_code(filter_errc e) noexcept {
  return {static_cast<int>(e), filter_category()};
}

}  // namespace mcpgate::gateway

template <>
struct boost::system::is_error_code_enum<mcpgate::gateway::filter_errc> : std::true_type {};
