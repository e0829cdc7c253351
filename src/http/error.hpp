#pragma once

#include "core/result.hpp"

#include <type_traits>

namespace mcpgate::http {

// Errors of the http module. Asio/Beast/OpenSSL errors pass through with their own categories;
// these name the conditions the module itself decides.
enum class errc {
  ok = 0,
  header_too_large = 1,      // request/response header over its byte limit (server answers 431)
  body_too_large = 2,        // body over its byte limit (server answers 413)
  bad_message = 3,           // malformed HTTP (server answers 400)
  header_timeout = 4,        // the peer did not finish a header in time
  body_timeout = 5,          // the peer did not finish a body in time
  connect_timeout = 6,       // client: TCP connect (and TLS handshake) did not finish in time
  response_timeout = 7,      // client: no complete response header in time
  bad_url = 8,               // not an absolute http(s) URL with a host
  unsupported_scheme = 9,    // a scheme other than http or https
  connection_closed = 10,    // the peer closed the connection before a complete response
  invalid_state = 11,        // an exchange/stream call out of order (e.g. write before begin)
  client_gone = 12,          // server: the client closed its connection
  sse_event_too_large = 13,  // an SSE event over sse_limits::max_event_bytes
  sse_invalid_field = 14,    // an SSE event name or id containing CR, LF (or NUL for id)
  tls_setup_failed = 15,     // client: the TLS context could not be configured (CA file, SNI)
  too_many_connections = 16  // server: over server_limits::max_connections
};

const boost::system::error_category& http_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), http_category()};
}

}  // namespace mcpgate::http

template <>
struct boost::system::is_error_code_enum<mcpgate::http::errc> : std::true_type {};
