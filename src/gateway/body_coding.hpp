#pragma once

#include <boost/beast/http/fields.hpp>

#include <string_view>

namespace mcpgate::gateway {

// Why a request body cannot be authorized as what the server will read, or empty when it can.
// The gateway reads a POST body as UTF-8 JSON; a server decodes it by its header. A charset other
// than UTF-8 (body-parser decodes `charset=utf-7`, in which an ASCII body that is harmless JSON
// here names another tool there), a content coding, or two Content-Type fields would let the two
// read different messages, so they are refused. Parameters are split at every ';', quoted or not:
// that finds every charset a stricter parser would, and more.
std::string_view unreadable_body(const boost::beast::http::fields& h) noexcept;

}  // namespace mcpgate::gateway
