#include "jose/signature.hpp"

#include "jose/error.hpp"
#include "jose/openssl_util.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <array>

namespace mcpgate::jose {

using namespace detail;

namespace {

// Appends one DER INTEGER holding the unsigned big-endian `v` (no leading zeros).
void append_der_integer(std::string& out, std::string_view v) {
  while (v.size() > 1 && v.front() == '\0') {
    v.remove_prefix(1);
  }
  const bool pad = (static_cast<unsigned char>(v.front()) & 0x80) != 0;
  const std::size_t len = v.size() + (pad ? 1 : 0);
  out += '\x02';
  if (len >= 0x80) {
    out += '\x81';
  }
  out += static_cast<char>(len);
  if (pad) {
    out += '\0';
  }
  out += v;
}

bool all_zero(std::string_view v) noexcept {
  for (char c : v) {
    if (c != '\0') {
      return false;
    }
  }
  return true;
}

// Reads one DER length; only the short form and 0x81 occur for curves up to P-521.
bool read_der_length(std::string_view& in, std::size_t& len) {
  if (in.empty()) {
    return false;
  }
  const auto first = static_cast<unsigned char>(in.front());
  in.remove_prefix(1);
  if (first < 0x80) {
    len = first;
    return true;
  }
  if (first != 0x81 || in.empty()) {
    return false;
  }
  len = static_cast<unsigned char>(in.front());
  in.remove_prefix(1);
  return true;
}

bool read_der_integer(std::string_view& in, std::size_t half, std::string& raw) {
  std::size_t len = 0;
  if (in.empty() || in.front() != '\x02') {
    return false;
  }
  in.remove_prefix(1);
  if (!read_der_length(in, len) || len == 0 || len > in.size()) {
    return false;
  }
  std::string_view v = in.substr(0, len);
  in.remove_prefix(len);
  while (!v.empty() && v.front() == '\0') {
    v.remove_prefix(1);
  }
  if (v.size() > half) {
    return false;
  }
  raw.append(half - v.size(), '\0');
  raw += v;
  return true;
}

error_code digest_verify(EVP_PKEY* key, const EVP_MD* md, bool pss, std::string_view input,
                         std::string_view sig) noexcept {
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1) {
    return errc::crypto;
  }
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              // RFC 7518 §3.5: the salt is as long as the hash output.
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return errc::crypto;
  }
  const int r = EVP_DigestVerify(ctx.get(), bytes(sig), sig.size(), bytes(input), input.size());
  return r == 1 ? error_code{} : make_error_code(errc::bad_signature);
}

std::size_t digest_size(digest d) noexcept {
  switch (d) {
    case digest::sha256:
      return 32;
    case digest::sha384:
      return 48;
    case digest::sha512:
      return 64;
    case digest::none:
      break;
  }
  return 0;
}

}  // namespace

namespace detail {

bool ecdsa_raw_to_der(std::string_view raw, std::string& der) {
  const std::size_t half = raw.size() / 2;
  const std::string_view r = raw.substr(0, half);
  const std::string_view s = raw.substr(half);
  if (half == 0 || all_zero(r) || all_zero(s)) {
    return false;
  }
  std::string body;
  body.reserve(raw.size() + 8);
  append_der_integer(body, r);
  append_der_integer(body, s);
  der.clear();
  der += '\x30';
  if (body.size() >= 0x80) {
    der += '\x81';
  }
  der += static_cast<char>(body.size());
  der += body;
  return true;
}

bool ecdsa_der_to_raw(std::string_view der, std::size_t half, std::string& raw) {
  std::size_t len = 0;
  if (der.empty() || der.front() != '\x30') {
    return false;
  }
  der.remove_prefix(1);
  if (!read_der_length(der, len) || len != der.size()) {
    return false;
  }
  raw.clear();
  return read_der_integer(der, half, raw) && read_der_integer(der, half, raw) && der.empty();
}

const EVP_MD* md_for(digest d) noexcept {
  // Fetching once avoids OpenSSL 3's implicit fetch (a lock and a lookup) on every operation.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static EVP_MD* const sha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
  static EVP_MD* const sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  switch (d) {
    case digest::sha256:
      return sha256;
    case digest::sha384:
      return sha384;
    case digest::sha512:
      return sha512;
    case digest::none:
      break;
  }
  return nullptr;
}

}  // namespace detail

error_code verify_signature(alg a, const jwk& key, std::string_view signing_input,
                            std::string_view signature) noexcept {
  switch (family_of(a)) {
    case key_family::rsa:
      // A short or long signature is malformed, not merely wrong (RFC 8017 §8.2.2 step 1).
      if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.key.get()))) {
        return errc::bad_signature;
      }
      return digest_verify(key.key.get(), md_for(digest_of(a)), is_pss(a), signing_input,
                           signature);
    case key_family::ec: {
      if (signature.size() != 2 * ec_coordinate_size(a)) {
        return errc::bad_signature;
      }
      std::string der;
      try {
        if (!ecdsa_raw_to_der(signature, der)) {
          return errc::bad_signature;
        }
      } catch (...) {
        return errc::crypto;
      }
      return digest_verify(key.key.get(), md_for(digest_of(a)), false, signing_input, der);
    }
    case key_family::okp:
      if (signature.size() != 64) {
        return errc::bad_signature;
      }
      return digest_verify(key.key.get(), nullptr, false, signing_input, signature);
    case key_family::oct: {
      std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
      unsigned int len = 0;
      if (HMAC(md_for(digest_of(a)), key.secret.data(), static_cast<int>(key.secret.size()),
               bytes(signing_input), signing_input.size(), mac.data(), &len) == nullptr) {
        return errc::crypto;
      }
      if (len != digest_size(digest_of(a)) || signature.size() != len ||
          CRYPTO_memcmp(mac.data(), signature.data(), len) != 0) {
        return errc::bad_signature;
      }
      return {};
    }
  }
  return errc::unsupported;
}

result<std::string> sign_bytes(alg a, EVP_PKEY* key, std::string_view input) {
  if (is_hmac(a)) {
    return make_error_code(errc::unsupported);
  }
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = family_of(a) == key_family::okp ? nullptr : md_for(digest_of(a));
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key) != 1) {
    return make_error_code(errc::bad_key);
  }
  if (is_pss(a) && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return make_error_code(errc::crypto);
  }
  std::size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes(input), input.size()) != 1) {
    return make_error_code(errc::crypto);
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes(input),
                     input.size()) != 1) {
    return make_error_code(errc::crypto);
  }
  sig.resize(len);
  if (family_of(a) != key_family::ec) {
    return sig;
  }
  std::string raw;
  if (!ecdsa_der_to_raw(sig, ec_coordinate_size(a), raw)) {
    return make_error_code(errc::crypto);
  }
  return raw;
}

result<std::string> hmac_bytes(alg a, std::string_view secret, std::string_view input) {
  if (!is_hmac(a)) {
    return make_error_code(errc::unsupported);
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  if (HMAC(md_for(digest_of(a)), secret.data(), static_cast<int>(secret.size()), bytes(input),
           input.size(), mac.data(), &len) == nullptr) {
    return make_error_code(errc::crypto);
  }
  return std::string{reinterpret_cast<const char*>(mac.data()), len};
}

}  // namespace mcpgate::jose
