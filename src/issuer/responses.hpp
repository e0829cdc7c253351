#pragma once

#include "http/message.hpp"
#include "issuer/error.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace mcpgate::issuer {

// Response builders. JSON answers allow any origin: browser-based MCP clients (the Inspector)
// call discovery, registration and the token endpoint from a page of their own.

http::response json_response(http::status code, const boost::json::object& body,
                             unsigned version = 11);

// RFC 6749 §5.2: {"error", "error_description"}, 400 (401 for invalid_client, 503 for
// temporarily_unavailable, 500 for server_error), Cache-Control: no-store.
http::response oauth_error_response(const oauth_error& e, unsigned version = 11);

http::response html_response(http::status code, std::string body, unsigned version = 11);

// 302 to `location` (which the caller has checked is a registered redirect URI).
http::response redirect_response(std::string location, unsigned version = 11);

// 204 with the CORS preflight answer.
http::response preflight_response(unsigned version = 11);

http::status status_for(errc e) noexcept;

// `base` with `query` appended ("?" or "&").
std::string append_query(std::string_view base, std::string_view query);

}  // namespace mcpgate::issuer
