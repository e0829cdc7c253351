#pragma once

#include "http/message.hpp"

#include <string_view>

namespace mcpgate::gateway {

// The default header of the identity assertion the gateway adds for the backend (DESIGN.md,
// Authentication; `identity.header` names another). A client-sent header of this name, or of the
// configured one, is always removed first.
inline constexpr std::string_view identity_header = "X-Mcpgate-Identity";

struct forward_options {
  bool forward_token = false;       // keep the caller's Authorization header (off by default)
  std::string_view identity;        // the signed assertion, or empty for none
  std::string_view client_address;  // appended to X-Forwarded-For
  std::string_view proto = "http";  // X-Forwarded-Proto
  std::string_view identity_field = identity_header;  // the header that carries the assertion
};

// The request sent upstream: method, target, version and body of `in` with hop-by-hop fields
// (RFC 9110 §7.6.1, including those named by Connection) and Expect removed, Authorization removed
// unless forward_token, any client-sent identity header replaced, X-Forwarded-* added, and
// Accept-Encoding: identity in place of the client's (the gateway reads lists and streams). The
// body is moved out of `in`.
http::request make_upstream_request(http::request& in, const forward_options& options);

// Copies the end-to-end fields of an upstream response header into `out` (hop-by-hop fields and
// framing — Content-Length, Transfer-Encoding — are left for the server to set).
void copy_end_to_end_fields(const boost::beast::http::fields& upstream, http::stream_header& out);

// True for a hop-by-hop field (RFC 9110 §7.6.1; Proxy-Connection and Keep-Alive too). Beast's
// parser names every field it knows, case-insensitively, so the enum decides without comparing
// strings.
bool is_hop_by_hop(http::field f) noexcept;

}  // namespace mcpgate::gateway
