#include "jose/jwk.hpp"

#include "core/base64url.hpp"
#include "jose/error.hpp"
#include "jose/openssl_util.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

#include <openssl/core_names.h>
#include <openssl/sha.h>
#include <boost/json/serialize.hpp>

#include <array>
#include <cstring>
#include <span>

namespace mcpgate::jose {

namespace bj = boost::json;
using namespace detail;

namespace {

// A JWK is small; anything bigger or deeper is not a key (x5c chains excepted, which we ignore
// but must still parse).
constexpr json::limits jwk_json_limits{64 * 1024, 8};

// RFC 7518 §6.3.1.2: sane RSA public exponents are small and odd; anything above 2^32 is
// suspicious, and e = 1 makes every "signature" verify (the rs256-key-exponent-1 vector).
constexpr std::size_t max_exponent_bytes = 4;

result<std::string> decode_member(const bj::object& obj, std::string_view name) {
  const bj::string* s = json::find_string(obj, name);
  if (s == nullptr) {
    return make_error_code(errc::bad_key);
  }
  auto bytes_or = core::base64url_decode(json::view(*s));
  if (!bytes_or) {
    return make_error_code(errc::bad_key);
  }
  return std::move(*bytes_or);
}

error_code public_check(EVP_PKEY* key) {
  pkey_ctx_ptr ctx{EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr)};
  if (!ctx) {
    return errc::crypto;
  }
  // -2: the key type has no public check (Ed25519 in OpenSSL 3.0); verification still refuses
  // points that do not decode.
  const int r = EVP_PKEY_public_check(ctx.get());
  return r == 1 || r == -2 ? error_code{} : make_error_code(errc::bad_key);
}

result<pkey> from_params(const char* type, const OSSL_PARAM_BLD* bld) {
  params_ptr params{OSSL_PARAM_BLD_to_param(const_cast<OSSL_PARAM_BLD*>(bld))};
  pkey_ctx_ptr ctx{EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr)};
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) {
    return make_error_code(errc::crypto);
  }
  EVP_PKEY* out = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &out, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return make_error_code(errc::bad_key);
  }
  pkey key{out};
  if (auto ec = public_check(key.get())) {
    return ec;
  }
  return key;
}

std::string_view strip_leading_zeros(std::string_view s) noexcept {
  while (!s.empty() && s.front() == '\0') {
    s.remove_prefix(1);
  }
  return s;
}

error_code import_rsa(const bj::object& obj, const jwk_options& opt, jwk& out) {
  auto n_or = decode_member(obj, "n");
  auto e_or = decode_member(obj, "e");
  if (!n_or || !e_or) {
    return errc::bad_key;
  }
  const std::string_view n = strip_leading_zeros(*n_or);
  const std::string_view e = strip_leading_zeros(*e_or);
  if (n.empty() || e.empty() || e.size() > max_exponent_bytes) {
    return errc::bad_key;
  }
  std::uint64_t e_value = 0;
  for (char c : e) {
    e_value = (e_value << 8) | static_cast<unsigned char>(c);
  }
  if (e_value < 3 || e_value % 2 == 0) {
    return errc::bad_key;
  }
  bn_ptr n_bn{BN_bin2bn(bytes(n), static_cast<int>(n.size()), nullptr)};
  bn_ptr e_bn{BN_bin2bn(bytes(e), static_cast<int>(e.size()), nullptr)};
  if (!n_bn || !e_bn) {
    return errc::crypto;
  }
  out.bits = static_cast<std::size_t>(BN_num_bits(n_bn.get()));
  if (out.bits < opt.min_rsa_bits || out.bits > opt.max_rsa_bits || !BN_is_odd(n_bn.get())) {
    return errc::bad_key;
  }
  param_bld_ptr bld{OSSL_PARAM_BLD_new()};
  if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n_bn.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e_bn.get())) {
    return errc::crypto;
  }
  auto key = from_params("RSA", bld.get());
  if (!key) {
    return key.error();
  }
  out.key = std::move(*key);
  return {};
}

std::size_t ec_size_for(std::string_view crv) noexcept {
  if (crv == "P-256") {
    return 32;
  }
  if (crv == "P-384") {
    return 48;
  }
  if (crv == "P-521") {
    return 66;
  }
  return 0;
}

error_code import_ec(const bj::object& obj, jwk& out) {
  const std::size_t size = ec_size_for(out.crv);
  if (size == 0) {
    return errc::unsupported;
  }
  auto x = decode_member(obj, "x");
  auto y = decode_member(obj, "y");
  // RFC 7518 §6.2.1.2: coordinates are exactly the field size, never shortened.
  if (!x || !y || x->size() != size || y->size() != size) {
    return errc::bad_key;
  }
  std::string point;
  point.reserve(1 + 2 * size);
  point += '\x04';  // uncompressed point (SEC 1 §2.3.3)
  point += *x;
  point += *y;
  param_bld_ptr bld{OSSL_PARAM_BLD_new()};
  if (!bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, out.crv.c_str(), 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size())) {
    return errc::crypto;
  }
  auto key = from_params("EC", bld.get());
  if (!key) {
    return key.error();
  }
  out.key = std::move(*key);
  return {};
}

error_code import_okp(const bj::object& obj, jwk& out) {
  // Key-agreement and Ed448 keys are imported so a set that holds them stays usable, but
  // check_usable() never matches them with a signature algorithm we implement.
  struct okp_curve {
    std::string_view crv;
    const char* type;
    std::size_t size;
  };
  static constexpr std::array<okp_curve, 4> curves{{{"Ed25519", "ED25519", 32},
                                                    {"X25519", "X25519", 32},
                                                    {"Ed448", "ED448", 57},
                                                    {"X448", "X448", 56}}};
  for (const auto& c : curves) {
    if (c.crv != out.crv) {
      continue;
    }
    auto x = decode_member(obj, "x");
    if (!x || x->size() != c.size) {
      return errc::bad_key;
    }
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key_ex(nullptr, c.type, nullptr, bytes(*x), x->size());
    if (key == nullptr) {
      return errc::bad_key;
    }
    out.key = pkey{key};
    return public_check(out.key.get());
  }
  return errc::unsupported;
}

error_code import_oct(const bj::object& obj, const jwk_options& opt, jwk& out) {
  if (!opt.allow_symmetric) {
    return errc::alg_not_allowed;
  }
  auto k = decode_member(obj, "k");
  if (!k || k->empty()) {
    return errc::bad_key;
  }
  out.secret = std::move(*k);
  return {};
}

// kid, use, key_ops, alg: optional, but when present they must have their registered types.
error_code read_metadata(const bj::object& obj, jwk& out) {
  if (const bj::value* kid = obj.if_contains("kid")) {
    if (!kid->is_string()) {
      return errc::bad_key;
    }
    out.kid = std::string{json::view(kid->get_string())};
    out.has_kid = true;
  }
  if (const bj::value* use = obj.if_contains("use")) {
    if (!use->is_string()) {
      return errc::bad_key;
    }
    out.use = use->get_string() == "sig" ? key_use::sig : key_use::other;
  }
  if (const bj::value* ops = obj.if_contains("key_ops")) {
    if (!ops->is_array()) {
      return errc::bad_key;
    }
    out.has_key_ops = true;
    for (const bj::value& op : ops->get_array()) {
      if (!op.is_string()) {
        return errc::bad_key;
      }
      out.key_ops_verify = out.key_ops_verify || op.get_string() == "verify";
    }
  }
  if (const bj::value* a = obj.if_contains("alg")) {
    if (!a->is_string()) {
      return errc::bad_key;
    }
    out.alg = alg_from_name(json::view(a->get_string()));
    out.alg_foreign = !out.alg.has_value();
  }
  if (const bj::value* crv = obj.if_contains("crv")) {
    if (!crv->is_string()) {
      return errc::bad_key;
    }
    out.crv = std::string{json::view(crv->get_string())};
  }
  return {};
}

}  // namespace

namespace detail {

std::string bn_bytes(const BIGNUM* bn, int width) {
  const int n = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(n), '\0');
  if (width > 0) {
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), width);
  } else {
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  }
  return out;
}

}  // namespace detail

result<jwk> import_jwk(const bj::object& obj, const jwk_options& opt) {
  jwk out;
  const bj::string* kty = json::find_string(obj, "kty");
  if (kty == nullptr) {
    return make_error_code(errc::bad_key);
  }
  if (auto ec = read_metadata(obj, out)) {
    return ec;
  }
  error_code ec;
  if (*kty == "RSA") {
    out.kty = key_family::rsa;
    ec = import_rsa(obj, opt, out);
  } else if (*kty == "EC") {
    out.kty = key_family::ec;
    ec = import_ec(obj, out);
  } else if (*kty == "OKP") {
    out.kty = key_family::okp;
    ec = import_okp(obj, out);
  } else if (*kty == "oct") {
    out.kty = key_family::oct;
    ec = import_oct(obj, opt, out);
  } else {
    ec = errc::unsupported;
  }
  if (ec) {
    return ec;
  }
  return out;
}

result<jwk> parse_jwk(std::string_view text, const jwk_options& opt) {
  auto doc = json::parse(text, jwk_json_limits);
  if (!doc) {
    return make_error_code(errc::bad_key);
  }
  if (!doc->is_object()) {
    return make_error_code(errc::bad_key);
  }
  return import_jwk(doc->get_object(), opt);
}

error_code check_usable(const jwk& key, jose::alg a) noexcept {
  if (key.use == key_use::other || (key.has_key_ops && !key.key_ops_verify) || key.alg_foreign) {
    return errc::unknown_kid;
  }
  const bool ed = a == alg::eddsa || a == alg::ed25519;
  if (key.alg && *key.alg != a) {
    // "EdDSA" and "Ed25519" name the same operation on an Ed25519 key.
    const bool key_ed = *key.alg == alg::eddsa || *key.alg == alg::ed25519;
    if (!(ed && key_ed)) {
      return errc::unknown_kid;
    }
  }
  if (family_of(a) != key.kty) {
    return errc::key_alg_mismatch;
  }
  switch (key.kty) {
    case key_family::ec:
      return key.crv == ec_curve_of(a) ? error_code{} : make_error_code(errc::key_alg_mismatch);
    case key_family::okp:
      return key.crv == "Ed25519" ? error_code{} : make_error_code(errc::key_alg_mismatch);
    case key_family::oct: {
      // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
      const std::size_t min = digest_of(a) == digest::sha256   ? 32
                              : digest_of(a) == digest::sha384 ? 48
                                                               : 64;
      return key.secret.size() >= min ? error_code{} : make_error_code(errc::bad_key);
    }
    case key_family::rsa:
      return {};
  }
  return errc::key_alg_mismatch;
}

result<bj::object> public_jwk_of(EVP_PKEY* key) {
  bj::object out;
  if (EVP_PKEY_is_a(key, "RSA")) {
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
                    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
    bn_ptr n_owner{n};
    bn_ptr e_owner{e};
    if (!ok) {
      return make_error_code(errc::crypto);
    }
    out["kty"] = "RSA";
    out["n"] = core::base64url_encode(bn_bytes(n));
    out["e"] = core::base64url_encode(bn_bytes(e));
    return out;
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    const auto a = default_alg_for(key);
    if (!a) {
      return make_error_code(errc::unsupported);
    }
    BIGNUM* x = nullptr;
    BIGNUM* y = nullptr;
    const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
                    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
    bn_ptr x_owner{x};
    bn_ptr y_owner{y};
    if (!ok) {
      return make_error_code(errc::crypto);
    }
    const int width = static_cast<int>(ec_coordinate_size(*a));
    out["kty"] = "EC";
    out["crv"] = ec_curve_of(*a);
    out["x"] = core::base64url_encode(bn_bytes(x, width));
    out["y"] = core::base64url_encode(bn_bytes(y, width));
    return out;
  }
  if (EVP_PKEY_is_a(key, "ED25519")) {
    std::array<unsigned char, 32> raw{};
    std::size_t len = raw.size();
    if (EVP_PKEY_get_raw_public_key(key, raw.data(), &len) != 1 || len != raw.size()) {
      return make_error_code(errc::crypto);
    }
    out["kty"] = "OKP";
    out["crv"] = "Ed25519";
    out["x"] = core::base64url_encode({reinterpret_cast<const char*>(raw.data()), len});
    return out;
  }
  return make_error_code(errc::unsupported);
}

std::optional<jose::alg> default_alg_for(EVP_PKEY* key) noexcept {
  if (EVP_PKEY_is_a(key, "RSA")) {
    return alg::rs256;
  }
  if (EVP_PKEY_is_a(key, "ED25519")) {
    return alg::eddsa;
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    std::array<char, 64> name{};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name.data(), name.size(),
                                       &len) != 1) {
      return std::nullopt;
    }
    const std::string_view group{name.data(), len};
    if (group == "prime256v1" || group == "P-256") {
      return alg::es256;
    }
    if (group == "secp384r1" || group == "P-384") {
      return alg::es384;
    }
    if (group == "secp521r1" || group == "P-521") {
      return alg::es512;
    }
  }
  return std::nullopt;
}

std::string jwk_thumbprint(const bj::object& public_jwk) {
  const auto* kty = json::find_string(public_jwk, "kty");
  if (kty == nullptr) {
    return {};
  }
  static constexpr const char* rsa[] = {"e", "kty", "n"};
  static constexpr const char* ec[] = {"crv", "kty", "x", "y"};
  static constexpr const char* okp[] = {"crv", "kty", "x"};
  std::span<const char* const> members;
  if (*kty == "RSA") {
    members = rsa;
  } else if (*kty == "EC") {
    members = ec;
  } else if (*kty == "OKP") {
    members = okp;
  } else {
    return {};
  }
  std::string canonical = "{";
  for (const char* name : members) {
    const auto* v = json::find_string(public_jwk, name);
    if (v == nullptr) {
      return {};
    }
    if (canonical.size() > 1) {
      canonical += ',';
    }
    canonical += '"';
    canonical += name;
    canonical += "\":";
    canonical += bj::serialize(*v);
  }
  canonical += '}';
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), digest.data());
  return core::base64url_encode(
      std::string_view{reinterpret_cast<const char*>(digest.data()), digest.size()});
}

}  // namespace mcpgate::jose
