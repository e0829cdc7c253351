#pragma once

#include "gateway/cors.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

#include <string_view>

namespace mcpgate::gateway {

// A complete response with a JSON body and the CORS headers of the request.
http::response json_response(http::status status, std::string body, const header_list& extra = {});

// A JSON-RPC error response body ({"jsonrpc":"2.0","id":…,"error":{…}}).
std::string rpc_error_body(const boost::json::value& id, std::int64_t code,
                           std::string_view message);

// 401 for a missing or refused token (RFC 6750 §3): the challenge points at the protected
// resource metadata; `error` is empty when no token was sent.
http::response unauthorized(std::string_view metadata_url, std::string_view error,
                            std::string_view description, const header_list& extra);

// 503 with Retry-After when no verification keys are available (the JWKS never fetched, or
// stale past its maximum age): the token may be fine, so no challenge.
http::response keys_unavailable(const header_list& extra);

}  // namespace mcpgate::gateway
