#pragma once

// Fetching a remote JWKS over the http client and feeding jose::jwks_cache with the outcome.
// The refresh policy (TTL, cooldown, stale serving) lives in the cache; this file only does the
// network part and its safety rules: HTTPS (plain http only to loopback or when allowed), no
// redirects, timeouts, a document size limit, OpenID/RFC 8414 discovery.

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/client.hpp"
#include "http/message.hpp"
#include "http/url.hpp"
#include "jose/jwks_cache.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace mcpgate::gateway {

enum class fetch_errc {
  ok = 0,
  insecure_url = 1,     // plain http to a non-loopback host without allow_plain_http
  redirect = 2,         // a 3xx answer: key material is never fetched from where we are sent
  http_status = 3,      // any other status than 200
  bad_metadata = 4,     // discovery document not JSON, or without a usable jwks_uri
  issuer_mismatch = 5,  // the metadata's issuer differs from the configured one (RFC 8414 §3.3)
};

const boost::system::error_category& fetch_category() noexcept;

inline error_code make_error_code(fetch_errc e) noexcept {
  return {static_cast<int>(e), fetch_category()};
}

struct jwks_fetch_options {
  // Inside a cluster the issuer may be reached over plain http (a backendRef); say so explicitly.
  bool allow_plain_http = false;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{5}};
  std::chrono::milliseconds response_timeout{std::chrono::seconds{10}};
  std::chrono::milliseconds body_timeout{std::chrono::seconds{10}};
  // JWKS and metadata documents are a few KiB; a megabyte answer is an attack or a mistake.
  std::size_t max_document_bytes = 256 * 1024;
  http::tls_options tls;
};

// A fetched document and the freshness its response granted.
struct fetched_document {
  std::string body;
  std::optional<std::chrono::seconds> max_age;
};

// Whether key material may be fetched from `target` under `opt`.
error_code check_fetch_url(const http::url& target, const jwks_fetch_options& opt) noexcept;

// Status 200 only (3xx is refused, not followed); max-age from Cache-Control.
result<fetched_document> interpret_response(http::response& res);

// One synchronous GET (for the CLI and start-up discovery).
result<fetched_document> fetch_document(std::string_view url, const jwks_fetch_options& opt);

// Discovery: given only an issuer, read jwks_uri from <issuer>/.well-known/openid-configuration,
// falling back to /.well-known/oauth-authorization-server (RFC 8414 §3, which inserts the
// well-known segment before the issuer's path). The metadata's issuer must equal `issuer`.
result<std::string> discover_jwks_uri(std::string_view issuer, const jwks_fetch_options& opt);

// The metadata URLs tried by discover_jwks_uri, in order.
result<std::vector<std::string>> discovery_urls(std::string_view issuer);

// Reads jwks_uri from a metadata document and checks its issuer.
result<std::string> jwks_uri_from_metadata(std::string_view document, std::string_view issuer);

// One refresh step for an owner that runs on an io_context: when the cache says a fetch is due,
// GET `target` with `client` and report the outcome to the cache. Returns whether it fetched.
http::task<bool> refresh_once(http::client& client, const http::url& target,
                              jose::jwks_cache& cache, const core::clock& clock,
                              const jwks_fetch_options& opt);

// Synchronous variant of refresh_once (CLI, tests).
bool refresh_once_sync(std::string_view url, jose::jwks_cache& cache, const core::clock& clock,
                       const jwks_fetch_options& opt);

}  // namespace mcpgate::gateway

template <>
struct boost::system::is_error_code_enum<mcpgate::gateway::fetch_errc> : std::true_type {};
