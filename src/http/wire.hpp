#pragma once

// The bytes of a message header and of chunk framing, appended to a caller's buffer. The server
// and the client write a header plus its body as two buffers in one gathered write; Beast's
// serializer produced the same bytes through a view of one buffer per field, which the profile
// showed as the largest single user-space cost of a proxied request.

#include "http/message.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace mcpgate::http {

// The request line, the header fields in order, and the empty line that ends the header.
void append_header(std::string& out, const boost::beast::http::request_header<>& header);
// The status line (the header's reason, or the standard one for its code), the fields, and the
// empty line.
void append_header(std::string& out, const boost::beast::http::response_header<>& header);

// What goes before a chunk of `size` bytes: its size in hex and CRLF. The chunk ends with
// chunk_end; last_chunk ends the body (no trailer fields).
void append_chunk_size(std::string& out, std::size_t size);
inline constexpr std::string_view chunk_end = "\r\n";
inline constexpr std::string_view last_chunk = "0\r\n\r\n";

}  // namespace mcpgate::http
