#include "jose/signer.hpp"

#include "core/base64url.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/openssl_util.hpp"
#include "jose/signature.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>

#include <memory>

namespace mcpgate::jose {

namespace bj = boost::json;
using namespace detail;

namespace {

struct bio_free {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using bio_ptr = std::unique_ptr<BIO, bio_free>;

// Whether `a` can be computed with this key (family and, for EC, curve).
bool suits(EVP_PKEY* key, alg a) noexcept {
  const auto natural = default_alg_for(key);
  if (!natural) {
    return false;
  }
  switch (family_of(a)) {
    case key_family::rsa:
      return family_of(*natural) == key_family::rsa;
    case key_family::ec:
      return *natural == a;
    case key_family::okp:
      return *natural == alg::eddsa;
    case key_family::oct:
      return false;
  }
  return false;
}

}  // namespace

result<signing_key> signing_key::from_pem(std::string_view pem, std::string kid,
                                          std::optional<alg> a) {
  bio_ptr bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
  if (!bio) {
    return make_error_code(errc::crypto);
  }
  // No passphrase callback: an encrypted key fails here instead of prompting on a terminal.
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(""));
  if (raw == nullptr) {
    return make_error_code(errc::bad_key);
  }
  pkey key{raw};
  const auto natural = default_alg_for(key.get());
  if (!natural) {
    return make_error_code(errc::unsupported);
  }
  const alg chosen = a.value_or(*natural);
  if (!suits(key.get(), chosen)) {
    return make_error_code(errc::key_alg_mismatch);
  }
  if (family_of(chosen) == key_family::rsa && EVP_PKEY_get_bits(key.get()) < 2048) {
    return make_error_code(errc::bad_key);
  }
  return signing_key{std::move(key), chosen, std::move(kid)};
}

result<signing_key> signing_key::generate(alg a, std::string kid) {
  EVP_PKEY* raw = nullptr;
  switch (family_of(a)) {
    case key_family::rsa:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
      break;
    case key_family::ec: {
      const std::string curve{ec_curve_of(a)};
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str());
      break;
    }
    case key_family::okp:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
    case key_family::oct:
      return make_error_code(errc::unsupported);
  }
  if (raw == nullptr) {
    return make_error_code(errc::crypto);
  }
  return signing_key{pkey{raw}, a, std::move(kid)};
}

result<std::string> signing_key::private_pem() const {
  bio_ptr bio{BIO_new(BIO_s_mem())};
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return make_error_code(errc::crypto);
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string{data, static_cast<std::size_t>(len)};
}

result<bj::object> signing_key::public_jwk() const {
  auto jwk = public_jwk_of(key_.get());
  if (!jwk) {
    return jwk.error();
  }
  if (!kid_.empty()) {
    (*jwk)["kid"] = kid_;
  }
  (*jwk)["use"] = "sig";
  (*jwk)["alg"] = alg_name(alg_);
  return jwk;
}

result<bj::object> public_jwks(const signing_key& key) {
  auto jwk = key.public_jwk();
  if (!jwk) {
    return jwk.error();
  }
  bj::object out;
  out["keys"] = bj::array{std::move(*jwk)};
  return out;
}

result<std::string> sign_payload(const bj::object& header, std::string_view payload,
                                 const signing_key& key) {
  if (header.contains("alg") || header.contains("kid")) {
    return make_error_code(errc::malformed_header);
  }
  bj::object h;
  h["alg"] = alg_name(key.algorithm());
  if (!key.kid().empty()) {
    h["kid"] = key.kid();
  }
  for (const auto& member : header) {
    h.insert(member);
  }
  std::string token = core::base64url_encode(bj::serialize(h));
  token += '.';
  token += core::base64url_encode(payload);
  auto sig = sign_bytes(key.algorithm(), key.get(), token);
  if (!sig) {
    return sig.error();
  }
  token += '.';
  token += core::base64url_encode(*sig);
  return token;
}

result<std::string> sign(const bj::object& header, const bj::object& claims,
                         const signing_key& key) {
  return sign_payload(header, bj::serialize(claims), key);
}

}  // namespace mcpgate::jose
