#include "http/error.hpp"

#include "core/error.hpp"

namespace mcpgate::http {

namespace {

class http_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.http"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::header_too_large:
        return "header too large";
      case errc::body_too_large:
        return "body too large";
      case errc::bad_message:
        return "malformed HTTP message";
      case errc::header_timeout:
        return "timed out reading the header";
      case errc::body_timeout:
        return "timed out reading the body";
      case errc::connect_timeout:
        return "timed out connecting";
      case errc::response_timeout:
        return "timed out waiting for the response";
      case errc::bad_url:
        return "invalid URL";
      case errc::unsupported_scheme:
        return "unsupported URL scheme (only http and https)";
      case errc::connection_closed:
        return "connection closed before a complete response";
      case errc::invalid_state:
        return "call out of order";
      case errc::client_gone:
        return "client closed the connection";
      case errc::sse_event_too_large:
        return "SSE event too large";
      case errc::sse_invalid_field:
        return "SSE field contains a line break";
      case errc::tls_setup_failed:
        return "TLS setup failed";
      case errc::too_many_connections:
        return "too many connections";
    }
    return "unknown http error";
  }
};

}  // namespace

const boost::system::error_category& http_category() noexcept {
  static const http_category_impl instance;
  return instance;
}

}  // namespace mcpgate::http
