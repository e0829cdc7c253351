#include "issuer/error.hpp"

#include "core/error.hpp"

#include <stdexcept>

namespace mcpgate::issuer {

namespace {

class issuer_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.issuer"; }

 protected:
  const char* describe(int ev) const noexcept override {
    return wire_name(static_cast<errc>(ev)).data();
  }
};

}  // namespace

const boost::system::error_category& issuer_category() noexcept {
  static const issuer_category_impl instance;
  return instance;
}

std::string_view wire_name(errc e) noexcept {
  // Returned views point at literals, so data() is NUL-terminated for describe().
  switch (e) {
    case errc::ok:
      return "ok";
    case errc::invalid_request:
      return "invalid_request";
    case errc::invalid_client:
      return "invalid_client";
    case errc::invalid_grant:
      return "invalid_grant";
    case errc::unauthorized_client:
      return "unauthorized_client";
    case errc::unsupported_grant_type:
      return "unsupported_grant_type";
    case errc::invalid_scope:
      return "invalid_scope";
    case errc::authorization_pending:
      return "authorization_pending";
    case errc::slow_down:
      return "slow_down";
    case errc::access_denied:
      return "access_denied";
    case errc::expired_token:
      return "expired_token";
    case errc::invalid_redirect_uri:
      return "invalid_redirect_uri";
    case errc::invalid_client_metadata:
      return "invalid_client_metadata";
    case errc::invalid_target:
      return "invalid_target";
    case errc::unsupported_response_type:
      return "unsupported_response_type";
    case errc::temporarily_unavailable:
      return "temporarily_unavailable";
    case errc::server_error:
      return "server_error";
  }
  return "server_error";
}

void throw_exception_from_error(const oauth_error& e, const boost::source_location&) {
  throw std::runtime_error(std::string{wire_name(e.code)} + ": " + e.description);
}

}  // namespace mcpgate::issuer
