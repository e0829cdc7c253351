#pragma once

// The request header as nearly every client sends it, read without Beast's parser. Beast scans
// header bytes one at a time (its field-value loop alone was 8.6 % of a proxied request's
// instructions, mostly over the ~1 KB Authorization value); this checks the whole block and finds
// its line ends 16 bytes at a time. It is a fast path, never a second set of rules: it
// takes only requests that Beast reads the same way (the fuzz target http_request_head checks
// that on every input it takes), and leaves every other request, valid or not, to Beast's parser
// and its error answers.

#include "http/message.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace mcpgate::http {

// Reads `head`, a request line and fields ending with the empty line ("...\r\n\r\n", nothing
// after it), when it is in the simple form:
// - request line: a token method, one space, a target of bytes 0x21-0x7e or 0x80-0xff, one
//   space, HTTP/1.1 or HTTP/1.0;
// - fields: a token name, ':', a value of printable ASCII, obs-text, spaces and tabs (the spaces
//   and tabs around it trimmed), CRLF line ends;
// - no Transfer-Encoding or Proxy-Connection field, a Connection field holds one token, and at
//   most one Content-Length field, of digits and no more than `max_body`.
// Fills `out` (a fresh request: method, target, version and fields; the body stays empty) and
// returns the body's length (0 without a Content-Length field). Anything else is nullopt, and
// `out` holds part of the request: Beast's parser reads that request anew, with its own verdict.
std::optional<std::uint64_t> parse_simple_request(std::string_view head, std::uint64_t max_body,
                                                  request& out);

}  // namespace mcpgate::http
