#include "issuer/responses.hpp"

#include <boost/json/serialize.hpp>

namespace mcpgate::issuer {

namespace {
void no_store(http::response& res) {
  // Tokens and codes must not be cached by anything on the way (RFC 6749 §5.1).
  res.set(http::field::cache_control, "no-store");
  res.set(http::field::pragma, "no-cache");
}
}  // namespace

http::status status_for(errc e) noexcept {
  switch (e) {
    case errc::invalid_client:
      return http::status::unauthorized;
    case errc::temporarily_unavailable:
      return http::status::service_unavailable;
    case errc::server_error:
      return http::status::internal_server_error;
    default:
      return http::status::bad_request;
  }
}

http::response json_response(http::status code, const boost::json::object& body, unsigned version) {
  http::response res{code, version};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::access_control_allow_origin, "*");
  no_store(res);
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

http::response oauth_error_response(const oauth_error& e, unsigned version) {
  boost::json::object body;
  body["error"] = wire_name(e.code);
  if (!e.description.empty()) {
    body["error_description"] = e.description;
  }
  return json_response(status_for(e.code), body, version);
}

http::response html_response(http::status code, std::string body, unsigned version) {
  http::response res{code, version};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  // The pages decide who signs in: no framing by other sites (clickjacking).
  res.set("X-Frame-Options", "DENY");
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; "
          "frame-ancestors 'none'");
  no_store(res);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

http::response redirect_response(std::string location, unsigned version) {
  http::response res{http::status::found, version};
  res.set(http::field::location, location);
  no_store(res);
  res.prepare_payload();
  return res;
}

http::response preflight_response(unsigned version) {
  http::response res{http::status::no_content, version};
  res.set(http::field::access_control_allow_origin, "*");
  res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
  res.set(http::field::access_control_allow_headers,
          "Authorization, Content-Type, MCP-Protocol-Version");
  res.set(http::field::access_control_max_age, "86400");
  res.prepare_payload();
  return res;
}

std::string append_query(std::string_view base, std::string_view query) {
  std::string out{base};
  out += base.find('?') == std::string_view::npos ? '?' : '&';
  out += query;
  return out;
}

}  // namespace mcpgate::issuer
