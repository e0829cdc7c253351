#pragma once

// Request rules the server enforces on top of Beast's parser. Pure functions, so the fuzz
// target checks exactly what the server checks.

#include "http/message.hpp"

#include <cstddef>
#include <string_view>

namespace mcpgate::http {

// Whether a header block (request line and fields, without the final empty line) folds a field
// value onto a continuation line. Beast accepts obs-fold; RFC 9112 §5.2 lets a server reject it
// instead, which closes a request-smuggling door (proxies disagree on folded values).
bool has_obs_fold(std::string_view head) noexcept;

// Whether header bytes hold a line feed not preceded by a carriage return, looking at the bytes
// from `from` on (the byte before `from` is consulted for a CR). RFC 9112 §2.2 lets a recipient
// accept a bare LF as a line end; we do not, so that a header ended by "\n\n" is refused at once
// instead of waiting for a "\r\n\r\n" that never comes (and proxies that split lines
// differently cannot disagree with us).
bool has_bare_lf(std::string_view head, std::size_t from = 0) noexcept;

// RFC 9112 §6.1/§6.3: a request Transfer-Encoding that does not end in chunked leaves the body
// length undecidable, and one next to Content-Length is a smuggling attempt; any coding besides
// chunked (gzip, chunked twice) is refused too, since nothing here decodes it. Beast rejects some
// orders of the latter; this checks every order. `chunked` is the parser's verdict. Also refused:
// Transfer-Encoding in an HTTP/1.0 request (§6.1: its framing is faulty), and Content-Length
// other than one field of digits (Beast accepts repeats and lists of one value; a proxy next to
// us might not read them the same way).
bool framing_ok(const beast::http::request_header<>& head, bool chunked) noexcept;

// RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host field, and no request has two (the
// backend and a proxy could each pick a different one).
bool host_ok(const beast::http::request_header<>& head) noexcept;

// Whether a request path (the target without its query) is in the form a server resolves to
// itself: it starts with '/', and has no empty, "." or ".." segment, no backslash or raw byte
// outside printable ASCII (it must be percent-encoded), no
// percent-encoded unreserved character, '/' or '\\', and no malformed escape. A gateway that
// routes and authorizes on the path it sees must refuse the others: a backend that normalizes
// (most URL libraries do) would serve another path than the one the rules saw.
bool path_normal(std::string_view path) noexcept;

// The same for a URI naming a resource (MCP resources/read): no whitespace or control
// characters, a lower-case scheme, a special scheme (http, https, ws, wss, ftp, file) with an
// authority ("file:/x" is "file:///x" to a WHATWG parser), no upper case in the authority, and a
// path in normal form (path_normal) when it is hierarchical. Servers resolve URIs (new URL(...))
// before they look them up, so a rule must see the form they resolve to.
bool uri_normal(std::string_view uri) noexcept;

}  // namespace mcpgate::http
