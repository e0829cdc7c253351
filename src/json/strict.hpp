#pragma once

#include "json/error.hpp"

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

namespace mcpgate::json {

// Limits on one document. Defaults suit JSON-RPC bodies; callers parsing tokens pass smaller ones.
struct limits {
  std::size_t max_bytes = 4 << 20;
  std::size_t max_depth = 64;
};

// Parses one JSON text strictly (I-JSON, RFC 7493): invalid UTF-8, lone surrogate escapes,
// duplicate member names at any depth, comments, trailing commas and trailing garbage are all
// rejected, so a document cannot mean one thing here and another to the server behind us.
// Whitespace around the value is allowed, as RFC 8259 allows it.
result<boost::json::value, parse_error> parse(std::string_view text, const limits& lim = {},
                                              boost::json::storage_ptr sp = {});

// Checks `text` exactly as parse() does (the same rules, the same errors and offsets) without
// building a value: for callers that only need to know the text is strict JSON before reading
// it in place (json/scan.hpp).
result<void, parse_error> validate(std::string_view text, const limits& lim = {});

}  // namespace mcpgate::json
