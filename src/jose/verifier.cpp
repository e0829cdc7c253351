#include "jose/verifier.hpp"

#include "jose/error.hpp"
#include "jose/signature.hpp"
#include "json/strict.hpp"

namespace mcpgate::jose {

namespace bj = boost::json;

namespace {

result<bj::object> parse_claims(std::string_view payload, const jws_limits& lim) {
  auto doc = json::parse(payload, json::limits{payload.size(), lim.max_json_depth});
  if (!doc) {
    const auto& code = doc.error().code;
    if (code == json::errc::duplicate_member) {
      return make_error_code(errc::duplicate_member);
    }
    if (code == json::errc::too_deep || code == json::errc::too_large) {
      return make_error_code(errc::limits);
    }
    return make_error_code(errc::malformed);
  }
  bj::object* obj = doc->if_object();
  if (obj == nullptr) {
    return make_error_code(errc::malformed);
  }
  return std::move(*obj);
}

}  // namespace

result<verified_token> verify_jwt(std::string_view token, const key_set& keys,
                                  const verify_options& opt, std::int64_t now) {
  auto jws = parse_compact(token, opt.limits);
  if (!jws) {
    return jws.error();
  }
  const alg a = jws->header.alg;
  if (!opt.algorithms.contains(a) || is_hmac(a)) {
    return make_error_code(errc::alg_not_allowed);
  }
  key_candidates candidates;
  if (auto ec = keys.select(jws->header, candidates)) {
    return ec;
  }
  error_code sig_error = errc::bad_signature;
  bool verified = false;
  for (std::size_t i = 0; i < candidates.count && !verified; ++i) {
    sig_error = verify_signature(a, *candidates.keys[i], jws->signing_input, jws->signature);
    verified = !sig_error;
  }
  if (!verified) {
    return sig_error;
  }
  auto claims = parse_claims(jws->payload, opt.limits);
  if (!claims) {
    return claims.error();
  }
  if (auto ec = check_claims(*claims, jws->header, opt.claims, now)) {
    return ec;
  }
  return verified_token{std::move(*claims), std::move(jws->header)};
}

result<verified_jws> verify_jws(std::string_view token, const jwk& key, alg_set allowed,
                                const jws_limits& lim) {
  auto jws = parse_compact(token, lim);
  if (!jws) {
    return jws.error();
  }
  const alg a = jws->header.alg;
  if (!allowed.contains(a)) {
    return make_error_code(errc::alg_not_allowed);
  }
  if (auto ec = check_usable(key, a)) {
    // With one given key there is no selection: any mismatch is the key's.
    return ec == errc::unknown_kid ? make_error_code(errc::key_alg_mismatch) : ec;
  }
  if (auto ec = verify_signature(a, key, jws->signing_input, jws->signature)) {
    return ec;
  }
  return verified_jws{std::move(jws->header), std::move(jws->payload)};
}

}  // namespace mcpgate::jose
