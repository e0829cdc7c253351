#include "jose/claims.hpp"
#include "core/ascii.hpp"

#include "jose/error.hpp"

#include <cmath>

namespace mcpgate::jose {

namespace bj = boost::json;

using core::iequals;

namespace {

// RFC 9068 §2.1 and RFC 8725 §3.11: typ distinguishes access tokens from other JWTs; media
// types compare case-insensitively.
bool typ_accepted(const jws_header& h) noexcept {
  return !h.has_typ || iequals(h.typ, "JWT") || iequals(h.typ, "at+jwt") ||
         iequals(h.typ, "application/at+jwt");
}

// A NumericDate: any finite JSON number (fractions and exponents allowed), within range.
enum class date_status { absent, ok, malformed };

date_status read_date(const bj::object& claims, std::string_view name, double max, double& out) {
  const bj::value* v = claims.if_contains(bj::string_view{name.data(), name.size()});
  if (v == nullptr) {
    return date_status::absent;
  }
  switch (v->kind()) {
    case bj::kind::int64:
      out = static_cast<double>(v->get_int64());
      break;
    case bj::kind::uint64:
      out = static_cast<double>(v->get_uint64());
      break;
    case bj::kind::double_:
      out = v->get_double();
      break;
    default:
      return date_status::malformed;
  }
  return std::isfinite(out) && std::fabs(out) <= max ? date_status::ok : date_status::malformed;
}

error_code check_audience(const bj::object& claims, const claim_rules& rules) {
  const bj::value* aud = claims.if_contains("aud");
  if (aud == nullptr) {
    return errc::aud;
  }
  const auto wanted = [&rules](const bj::string& s) {
    for (const std::string& a : rules.audiences) {
      if (s == a) {
        return true;
      }
    }
    return false;
  };
  if (const bj::string* s = aud->if_string()) {
    return wanted(*s) ? error_code{} : make_error_code(errc::aud);
  }
  const bj::array* arr = aud->if_array();
  if (arr == nullptr) {
    return errc::malformed_claim;
  }
  bool found = false;
  for (const bj::value& v : *arr) {
    // Every member must be a string even when ours is present (vector jwt-aud-non-string-member).
    const bj::string* s = v.if_string();
    if (s == nullptr) {
      return errc::malformed_claim;
    }
    found = found || wanted(*s);
  }
  return found ? error_code{} : make_error_code(errc::aud);
}

}  // namespace

error_code check_claims(const bj::object& claims, const jws_header& header,
                        const claim_rules& rules, std::int64_t now_seconds) noexcept {
  if (rules.check_typ && !typ_accepted(header)) {
    return errc::typ;
  }
  const bj::value* iss = claims.if_contains("iss");
  if (iss == nullptr) {
    return errc::iss;
  }
  if (!iss->is_string()) {
    return errc::malformed_claim;
  }
  if (iss->get_string() != rules.issuer) {
    return errc::iss;
  }
  if (auto ec = check_audience(claims, rules)) {
    return ec;
  }
  const double now = static_cast<double>(now_seconds);
  const double skew = static_cast<double>(rules.skew.count());
  double exp = 0;
  switch (read_date(claims, "exp", rules.max_numeric_date, exp)) {
    case date_status::absent:
      return errc::missing_claim;
    case date_status::malformed:
      return errc::malformed_claim;
    case date_status::ok:
      // RFC 7519 §4.1.4: the current time must be before exp.
      if (now >= exp + skew) {
        return errc::expired;
      }
      break;
  }
  double nbf = 0;
  switch (read_date(claims, "nbf", rules.max_numeric_date, nbf)) {
    case date_status::absent:
      break;
    case date_status::malformed:
      return errc::malformed_claim;
    case date_status::ok:
      if (now + skew < nbf) {
        return errc::not_yet_valid;
      }
      break;
  }
  double iat = 0;
  switch (read_date(claims, "iat", rules.max_numeric_date, iat)) {
    case date_status::absent:
      break;
    case date_status::malformed:
      return errc::malformed_claim;
    case date_status::ok:
      // A token from the future means a broken or hostile issuer clock; refuse (jwt-iat-future).
      if (iat > now + skew) {
        return errc::iat;
      }
      break;
  }
  return {};
}

}  // namespace mcpgate::jose
