#include "mcp/error.hpp"

#include "core/error.hpp"

#include <stdexcept>

namespace mcpgate::mcp {

namespace {

class mcp_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.mcp"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::not_json:
        return "parse error";
      case errc::batch_not_supported:
        return "JSON-RPC batches are not supported";
      case errc::not_an_object:
        return "a JSON-RPC message must be an object";
      case errc::bad_jsonrpc_version:
        return "jsonrpc must be \"2.0\"";
      case errc::bad_id:
        return "id must be a string or an integer";
      case errc::bad_method:
        return "method must be a string";
      case errc::bad_params:
        return "params must be an object";
      case errc::bad_response:
        return "a response needs exactly one of result and error";
      case errc::bad_error_object:
        return "error needs an integer code and a string message";
      case errc::missing_param:
        return "invalid params";
      case errc::unsupported_version:
        return "unsupported protocol version";
      case errc::request_without_id:
        return "a request method needs an id";
    }
    return "unknown mcp error";
  }
};

}  // namespace

const boost::system::error_category& mcp_category() noexcept {
  static const mcp_category_impl instance;
  return instance;
}

rpc_code rpc_code_for(const error_code& ec) noexcept {
  if (ec.category() != mcp_category()) {
    return rpc_code::internal_error;
  }
  switch (static_cast<errc>(ec.value())) {
    case errc::not_json:
      return rpc_code::parse_error;
    case errc::missing_param:
    case errc::unsupported_version:
      return rpc_code::invalid_params;
    case errc::ok:
      return rpc_code::internal_error;
    default:
      return rpc_code::invalid_request;
  }
}

std::string message_error::message() const {
  std::string out = code.message();
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

void throw_exception_from_error(const message_error& e, const boost::source_location&) {
  throw std::runtime_error("invalid JSON-RPC message: " + e.message());
}

}  // namespace mcpgate::mcp
