#pragma once

#include "core/result.hpp"
#include "jose/compact.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace mcpgate::jose {

// What an access token's claims must satisfy (RFC 7519 §4.1, RFC 9068, RFC 8725 §3.8–3.9).
struct claim_rules {
  std::string issuer;                  // compared exactly: Auth0 issuers end with '/'
  std::vector<std::string> audiences;  // aud must contain at least one of them
  std::chrono::seconds skew{60};       // tolerance for exp, nbf and iat between two clocks
  // NumericDates beyond ±2^53 s cannot be represented exactly as doubles and do not describe any
  // real token (vector jwt-exp-huge).
  double max_numeric_date = 9007199254740992.0;
  bool check_typ = true;  // typ absent, JWT, at+jwt or application/at+jwt
};

// Checks typ (from the header) and the registered claims against `now` (Unix seconds).
// exp is required; nbf and iat are checked when present; all must be JSON numbers.
error_code check_claims(const boost::json::object& claims, const jws_header& header,
                        const claim_rules& rules, std::int64_t now) noexcept;

}  // namespace mcpgate::jose
