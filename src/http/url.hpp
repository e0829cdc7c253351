#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mcpgate::http {

// An absolute http or https URL, split into what a client needs to connect and send.
struct url {
  std::string scheme;      // "http" or "https", lower case
  std::string host;        // registered name (lower case) or IP literal without brackets
  std::uint16_t port = 0;  // explicit port, or 80/443 from the scheme
  std::string target;  // origin-form request target: path (at least "/") plus "?query"; no fragment

  bool is_https() const noexcept { return scheme == "https"; }

  // True for "localhost", 127.0.0.0/8 and ::1: the only hosts plain http is allowed to for
  // fetching key material (a JWKS over plain http elsewhere could be tampered with on the way).
  bool is_loopback() const noexcept;

  // "scheme://host:port", the connection-pool key; IPv6 hosts get brackets.
  std::string origin() const;

  // The Host header value: host, with ":port" only when it is not the scheme's default.
  std::string host_header() const;

  // The URL written back out: origin() + target (default port omitted).
  std::string to_string() const;
};

// Parses an absolute URL. Rejects schemes other than http/https (errc::unsupported_scheme), a
// missing host, userinfo (credentials in URLs end up in logs), and ports outside 1..65535
// (errc::bad_url).
result<url> parse_url(std::string_view text);

}  // namespace mcpgate::http
