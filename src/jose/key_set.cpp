#include "jose/key_set.hpp"

#include "jose/error.hpp"
#include "json/strict.hpp"

namespace mcpgate::jose {

namespace bj = boost::json;

result<key_set> key_set::parse(std::string_view text, const jwks_options& opt) {
  if (text.size() > opt.max_document_bytes) {
    return make_error_code(errc::limits);
  }
  auto doc = json::parse(text, json::limits{opt.max_document_bytes, opt.max_json_depth});
  if (!doc) {
    return make_error_code(doc.error().code == json::errc::duplicate_member ? errc::duplicate_member
                                                                            : errc::malformed);
  }
  const bj::object* obj = doc->if_object();
  const bj::value* keys = obj != nullptr ? obj->if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) {
    return make_error_code(errc::malformed);
  }
  const bj::array& arr = keys->get_array();
  if (arr.size() > opt.max_keys) {
    return make_error_code(errc::limits);
  }
  jwk_options key_opt = opt.key;
  key_opt.allow_symmetric = false;  // never an HMAC secret from a key set
  std::vector<jwk> imported;
  std::vector<skipped_key> skipped;
  imported.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const bj::object* entry = arr[i].if_object();
    if (entry == nullptr) {
      skipped.push_back({{}, i, make_error_code(errc::bad_key)});
      continue;
    }
    auto key = import_jwk(*entry, key_opt);
    if (!key) {
      std::string kid;
      if (const bj::value* k = entry->if_contains("kid"); k != nullptr && k->is_string()) {
        kid.assign(k->get_string().data(), k->get_string().size());
      }
      skipped.push_back({std::move(kid), i, key.error()});
      continue;
    }
    imported.push_back(std::move(*key));
  }
  return key_set{std::move(imported), std::move(skipped)};
}

error_code key_set::select(const jws_header& header, key_candidates& out) const noexcept {
  out.count = 0;
  // Auth0 and every mainstream issuer set kid; requiring it means a token can never make us
  // guess among keys (vector jwt-kid-missing).
  if (!header.has_kid) {
    return errc::unknown_kid;
  }
  bool named = false;
  error_code first_reason;
  for (const jwk& key : keys_) {
    if (!key.has_kid || key.kid != header.kid) {
      continue;
    }
    named = true;
    if (auto ec = check_usable(key, header.alg)) {
      // key_alg_mismatch and bad_key say more than unknown_kid; keep the most telling reason.
      if (!first_reason || first_reason == errc::unknown_kid) {
        first_reason = ec;
      }
      continue;
    }
    if (out.count < out.keys.size()) {
      out.keys[out.count++] = &key;
    }
  }
  if (out.count > 0) {
    return {};
  }
  if (named) {
    return first_reason;
  }
  for (const skipped_key& s : skipped_) {
    if (!s.kid.empty() && s.kid == header.kid) {
      return s.reason == errc::unsupported ? make_error_code(errc::unknown_kid)
                                           : make_error_code(errc::bad_key);
    }
  }
  return errc::unknown_kid;
}

}  // namespace mcpgate::jose
