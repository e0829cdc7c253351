#pragma once

#include "core/result.hpp"

#include <boost/assert/source_location.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace mcpgate::issuer {

// OAuth error codes the issuer answers with. Each maps to the registered wire name of
// RFC 6749 §5.2 / §4.1.2.1, RFC 8628 §3.5, RFC 7591 §3.2.2 or RFC 8707 §2.
enum class errc {
  ok = 0,
  invalid_request = 1,         // a parameter is missing, repeated or malformed
  invalid_client = 2,          // unknown client or failed client authentication (answered 401)
  invalid_grant = 3,           // code/device code/refresh token unknown, used, expired or not ours
  unauthorized_client = 4,     // the client may not use this grant type
  unsupported_grant_type = 5,  // a grant type the issuer does not implement
  invalid_scope = 6,           // a scope that is malformed
  authorization_pending = 7,   // device flow: the user has not decided yet
  slow_down = 8,               // device flow: polled faster than the interval
  access_denied = 9,           // the user said no
  expired_token = 10,          // device flow: the device code has expired
  invalid_redirect_uri = 11,   // registration: a redirect URI we will not redirect to
  invalid_client_metadata = 12,    // registration: other metadata we refuse
  invalid_target = 13,             // RFC 8707: a resource/audience we will not issue for
  unsupported_response_type = 14,  // /authorize with a response_type other than "code"
  temporarily_unavailable = 15,    // a store is full (named limit reached)
  server_error = 16,               // signing failed
};

const boost::system::error_category& issuer_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), issuer_category()};
}

// The registered wire name ("invalid_grant").
std::string_view wire_name(errc e) noexcept;

// An OAuth error as it goes on the wire: the code and a human-readable error_description.
struct oauth_error {
  errc code = errc::server_error;
  std::string description;
};

// Lets result<T, oauth_error>::value() throw a readable exception (start-up code and tests only).
[[noreturn]] void throw_exception_from_error(const oauth_error& e,
                                             const boost::source_location& loc);

template <class T>
using oauth_result = result<T, oauth_error>;

inline oauth_error fail(errc code, std::string description) {
  return oauth_error{code, std::move(description)};
}

}  // namespace mcpgate::issuer

template <>
struct boost::system::is_error_code_enum<mcpgate::issuer::errc> : std::true_type {};
