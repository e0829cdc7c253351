#include "jose/compact.hpp"

#include "core/base64url.hpp"
#include "jose/error.hpp"
#include "json/strict.hpp"

#include <boost/json/value.hpp>

#include <array>

namespace mcpgate::jose {

namespace bj = boost::json;

namespace {

error_code map_json_error(const json::parse_error& e, errc syntax) noexcept {
  if (e.code == json::errc::duplicate_member) {
    return errc::duplicate_member;
  }
  if (e.code == json::errc::too_deep || e.code == json::errc::too_large) {
    return errc::limits;
  }
  return syntax;
}

// Finds the segment boundaries; counts every dot so "a.b.c.d.e" is recognised as a JWE.
struct segments {
  std::string_view header, payload, signature;
};

result<segments> split(std::string_view token, const jws_limits& lim) {
  if (token.size() > lim.max_token_bytes) {
    return make_error_code(errc::limits);
  }
  std::array<std::size_t, 2> dots{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '.') {
      if (count < dots.size()) {
        dots[count] = i;
      }
      ++count;
    }
  }
  if (count == 4) {
    return make_error_code(errc::jwe_not_supported);
  }
  if (count != 2) {
    return make_error_code(errc::malformed);
  }
  segments s;
  s.header = token.substr(0, dots[0]);
  s.payload = token.substr(dots[0] + 1, dots[1] - dots[0] - 1);
  s.signature = token.substr(dots[1] + 1);
  if (s.header.empty()) {
    return make_error_code(errc::malformed);
  }
  return s;
}

error_code check_crit(const bj::object& header) {
  // We implement no header extension, so any crit, well-formed or not, is refused (RFC 7515
  // §4.1.11: a recipient that does not understand a listed extension must reject the JWS).
  if (header.contains("crit")) {
    return errc::crit;
  }
  if (const bj::value* b64 = header.if_contains("b64")) {
    // RFC 7797 unencoded payloads change the signing input; refuse rather than misinterpret.
    if (!b64->is_bool() || !b64->get_bool()) {
      return errc::crit;
    }
  }
  return {};
}

error_code read_header(std::string_view text, const jws_limits& lim, jws_header& out) {
  auto doc = json::parse(text, json::limits{text.size(), lim.max_json_depth});
  if (!doc) {
    return map_json_error(doc.error(), errc::malformed_header);
  }
  const bj::object* obj = doc->if_object();
  if (obj == nullptr) {
    return errc::malformed_header;
  }
  const bj::value* a = obj->if_contains("alg");
  if (a == nullptr || !a->is_string()) {
    return errc::malformed_header;
  }
  // "none" in any casing, and every name we do not implement, is simply not allowed.
  const auto parsed = alg_from_name({a->get_string().data(), a->get_string().size()});
  if (!parsed) {
    return errc::alg_not_allowed;
  }
  out.alg = *parsed;
  if (auto ec = check_crit(*obj)) {
    return ec;
  }
  if (obj->contains("zip")) {
    return errc::unsupported;  // compression is a JWE feature (RFC 7516 §4.1.3)
  }
  if (const bj::value* kid = obj->if_contains("kid")) {
    if (!kid->is_string()) {
      return errc::malformed_header;
    }
    out.kid.assign(kid->get_string().data(), kid->get_string().size());
    out.has_kid = true;
  }
  if (const bj::value* typ = obj->if_contains("typ")) {
    if (!typ->is_string()) {
      return errc::malformed_header;
    }
    out.typ.assign(typ->get_string().data(), typ->get_string().size());
    out.has_typ = true;
  }
  return {};
}

}  // namespace

result<parsed_jws> parse_compact(std::string_view token, const jws_limits& lim) {
  auto seg = split(token, lim);
  if (!seg) {
    return seg.error();
  }
  parsed_jws out;
  std::string header_json;
  if (core::base64url_decode_into(seg->header, header_json) ||
      core::base64url_decode_into(seg->payload, out.payload) ||
      core::base64url_decode_into(seg->signature, out.signature)) {
    return make_error_code(errc::malformed);
  }
  if (auto ec = read_header(header_json, lim, out.header)) {
    return ec;
  }
  // An empty payload is a detached-content JWS (RFC 7515 Appendix F); a bearer token never is.
  // Checked after the header so that b64:false reports as the crit problem it is.
  if (seg->payload.empty()) {
    return make_error_code(errc::malformed);
  }
  out.signing_input = token.substr(0, seg->header.size() + 1 + seg->payload.size());
  return out;
}

result<unverified_parts> split_unverified(std::string_view token, const jws_limits& lim) {
  auto seg = split(token, lim);
  if (!seg) {
    return seg.error();
  }
  unverified_parts out;
  if (core::base64url_decode_into(seg->header, out.header) ||
      core::base64url_decode_into(seg->payload, out.payload)) {
    return make_error_code(errc::malformed);
  }
  return out;
}

}  // namespace mcpgate::jose
