#pragma once

// A small JSON Schema check of tool arguments before a handler sees them. It covers the keywords
// tool input schemas use in practice: type, required, properties, additionalProperties (false or
// a schema), enum, const, items, and local "$ref": "#/$defs/NAME". Keywords it does not know pass
// (the handler still validates what it reads); it is a guard, not a full validator.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace mcpgate::mcp {

struct schema_check_limits {
  // Nesting of schemas followed (properties, items, $ref); bounds work on a recursive $ref.
  std::size_t max_depth = 32;
};

// The first violation, as "path: reason" (e.g. "/path: expected string"), or nullopt when the
// value satisfies the schema.
std::optional<std::string> check_against_schema(const boost::json::object& schema,
                                                const boost::json::value& value,
                                                const schema_check_limits& lim = {});

}  // namespace mcpgate::mcp
