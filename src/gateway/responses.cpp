#include "gateway/responses.hpp"

#include "gateway/resource_metadata.hpp"
#include "mcp/jsonrpc.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace mcpgate::gateway {

http::response json_response(http::status status, std::string body, const header_list& extra) {
  http::response res{status, 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : extra) {
    res.insert(name, value);
  }
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

std::string rpc_error_body(const boost::json::value& id, std::int64_t code,
                           std::string_view message) {
  return boost::json::serialize(mcp::make_error(id, code, message));
}

http::response unauthorized(std::string_view metadata_url, std::string_view error,
                            std::string_view description, const header_list& extra) {
  boost::json::object body;
  body["error"] = error.empty() ? std::string_view{"unauthorized"} : error;
  body["error_description"] =
      description.empty() ? std::string_view{"a bearer token is required"} : description;
  auto res = json_response(http::status::unauthorized, boost::json::serialize(body), extra);
  res.set(http::field::www_authenticate, bearer_challenge(metadata_url, error, description));
  return res;
}

http::response keys_unavailable(const header_list& extra) {
  auto res = json_response(
      http::status::service_unavailable,
      R"({"error":"temporarily_unavailable","error_description":"the issuer's key set is unavailable"})",
      extra);
  res.set(http::field::retry_after, "5");
  return res;
}

}  // namespace mcpgate::gateway
