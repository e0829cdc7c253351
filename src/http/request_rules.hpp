#pragma once

// Request rules the server enforces on top of Beast's parser. Pure functions, so the fuzz
// target checks exactly what the server checks.

#include "http/message.hpp"

#include <string_view>

namespace mcpgate::http {

// Whether a header block (request line and fields, without the final empty line) folds a field
// value onto a continuation line. Beast accepts obs-fold; RFC 9112 §5.2 lets a server reject it
// instead, which closes a request-smuggling door (proxies disagree on folded values).
bool has_obs_fold(std::string_view head) noexcept;

// RFC 9112 §6.1/§6.3: a request Transfer-Encoding that does not end in chunked leaves the body
// length undecidable, and one next to Content-Length is a smuggling attempt. Beast rejects some
// orders of the latter; this checks every order. `chunked` is the parser's verdict.
bool framing_ok(const beast::http::request_header<>& head, bool chunked) noexcept;

}  // namespace mcpgate::http
