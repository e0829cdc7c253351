// Dynamic client registration (RFC 7591), open to anyone as MCP clients expect: a client
// registers itself before its first authorization request.
#include "issuer/issuer.hpp"
#include "issuer/responses.hpp"
#include "json/strict.hpp"

namespace mcpgate::issuer {

namespace {
// Client metadata is a small flat object.
constexpr json::limits metadata_limits{64 * 1024, 8};
}  // namespace

http::response issuer::registration_endpoint(const http::request& req) {
  const unsigned v = req.version();
  auto doc = json::parse(req.body(), metadata_limits);
  if (!doc || !doc->is_object()) {
    return oauth_error_response(
        fail(errc::invalid_client_metadata, "the body must be a JSON object of client metadata"),
        v);
  }
  auto c = register_client(doc->as_object(), *rnd_, now_seconds(), options_.registration);
  if (!c) {
    return oauth_error_response(c.error(), v);
  }
  oauth_result<const client*> added = fail(errc::server_error, "unreachable");
  {
    std::lock_guard lock{mutex_};
    added = clients_.add(std::move(*c));
  }
  if (!added) {
    return oauth_error_response(added.error(), v);
  }
  return json_response(http::status::created, registration_response(**added), v);
}

}  // namespace mcpgate::issuer
