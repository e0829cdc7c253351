#include "jose/signature.hpp"

#include "jose/error.hpp"
#include "jose/openssl_util.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <array>
#include <cstdint>

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

// EdDSA signs the message itself (no prehash), so it keeps the one-shot EVP_DigestVerify.
error_code eddsa_verify(EVP_PKEY* key, std::string_view input, std::string_view sig) noexcept {
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1) {
    return errc::crypto;
  }
  const int r = EVP_DigestVerify(ctx.get(), bytes(sig), sig.size(), bytes(input), input.size());
  return r == 1 ? error_code{} : make_error_code(errc::bad_signature);
}

result<std::string> eddsa_sign(EVP_PKEY* key, std::string_view input) {
  md_ctx_ptr ctx{EVP_MD_CTX_new()};
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1) {
    return make_error_code(errc::bad_key);
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
  return sig;
}

enum class pkey_op : std::uint8_t { verify, sign };

// A context for RS*, PS* or ES* with `a`'s digest and padding, ready for EVP_PKEY_verify or
// EVP_PKEY_sign. The errors are those of EVP_Digest{Verify,Sign}Init before: a key that cannot
// start the operation is `crypto` to a verifier and `bad_key` to a signer.
result<pkey_ctx_ptr> new_pkey_ctx(EVP_PKEY* key, pkey_op op, alg a) noexcept {
  const error_code init_failed = op == pkey_op::sign ? errc::bad_key : errc::crypto;
  pkey_ctx_ptr ctx{EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr)};
  if (!ctx) {
    return init_failed;
  }
  const int started =
      op == pkey_op::sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
  const EVP_MD* md = md_for(digest_of(a));
  if (started != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1) {
    return init_failed;
  }
  // RFC 7518 §3.5: MGF1 with the signature's hash, and a salt as long as the hash output. MGF1's
  // hash is set rather than left to the provider's default (the signature's, in OpenSSL 3).
  if (is_pss(a) && (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1 ||
                    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) != 1 ||
                    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return make_error_code(errc::crypto);
  }
  return ctx;
}

// EVP_PKEY_CTXs initialised once per (key, operation, algorithm) and reused, which OpenSSL allows
// for repeated operations with the same parameters. On OpenSSL 3, EVP_DigestVerifyInit on every
// call (provider fetch, context creation, locks) costs about 3 µs, 15% of an RS256 verification.
//
// A context must never be used by two threads at once, so each thread has its own cache: the one
// piece of mutable state in this module, freed when the thread exits. A context holds a reference
// to its key (EVP_PKEY_CTX_new_from_pkey takes one), so a cached key cannot be freed and its
// address reused by another key: comparing pointers is safe. The price is that a key rotated out
// of every key set lives on in the cache until evicted, which the fixed size bounds.
class pkey_ctx_cache {
 public:
  result<EVP_PKEY_CTX*> get(EVP_PKEY* key, pkey_op op, alg a) noexcept {
    entry* victim = &entries_.front();
    for (entry& e : entries_) {
      if (e.ctx && e.key == key && e.op == op && e.a == a) {
        e.last_use = ++clock_;
        return e.ctx.get();
      }
      if (e.last_use < victim->last_use) {
        victim = &e;
      }
    }
    auto ctx = new_pkey_ctx(key, op, a);
    if (!ctx) {
      return ctx.error();
    }
    *victim = {key, op, a, ++clock_, std::move(*ctx)};
    return victim->ctx.get();
  }

 private:
  struct entry {
    EVP_PKEY* key = nullptr;
    pkey_op op = pkey_op::verify;
    alg a = alg::rs256;
    std::uint64_t last_use = 0;  // 0 while empty; the least recently used entry is evicted
    pkey_ctx_ptr ctx;
  };

  // A few providers with two or three keys each, and a signing key or two.
  std::array<entry, 16> entries_;
  std::uint64_t clock_ = 0;
};

pkey_ctx_cache& thread_pkey_ctx_cache() noexcept {
  thread_local pkey_ctx_cache cache;
  return cache;
}

struct message_digest {
  std::array<unsigned char, EVP_MAX_MD_SIZE> data{};
  unsigned int size = 0;
};

bool digest_input(alg a, std::string_view input, message_digest& out) noexcept {
  return EVP_Digest(input.data(), input.size(), out.data.data(), &out.size, md_for(digest_of(a)),
                    nullptr) == 1;
}

// RS*, PS* and ES*: `sig` is the RSA signature or the DER ECDSA-Sig-Value.
error_code prehash_verify(alg a, EVP_PKEY* key, std::string_view input,
                          std::string_view sig) noexcept {
  auto ctx = thread_pkey_ctx_cache().get(key, pkey_op::verify, a);
  if (!ctx) {
    return ctx.error();
  }
  message_digest d;
  if (!digest_input(a, input, d)) {
    return errc::crypto;
  }
  const int r = EVP_PKEY_verify(*ctx, bytes(sig), sig.size(), d.data.data(), d.size);
  return r == 1 ? error_code{} : make_error_code(errc::bad_signature);
}

// RS*, PS* and ES*; ECDSA output is DER.
result<std::string> prehash_sign(alg a, EVP_PKEY* key, std::string_view input) {
  auto ctx = thread_pkey_ctx_cache().get(key, pkey_op::sign, a);
  if (!ctx) {
    return ctx.error();
  }
  message_digest d;
  std::size_t len = 0;
  if (!digest_input(a, input, d) ||
      EVP_PKEY_sign(*ctx, nullptr, &len, d.data.data(), d.size) != 1) {
    return make_error_code(errc::crypto);
  }
  std::string sig(len, '\0');
  if (EVP_PKEY_sign(*ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, d.data.data(),
                    d.size) != 1) {
    return make_error_code(errc::crypto);
  }
  sig.resize(len);
  return sig;
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
      return prehash_verify(a, key.key.get(), signing_input, signature);
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
      return prehash_verify(a, key.key.get(), signing_input, der);
    }
    case key_family::okp:
      if (signature.size() != 64) {
        return errc::bad_signature;
      }
      return eddsa_verify(key.key.get(), signing_input, signature);
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
  if (family_of(a) == key_family::okp) {
    return eddsa_sign(key, input);
  }
  auto sig = prehash_sign(a, key, input);
  if (!sig || family_of(a) != key_family::ec) {
    return sig;
  }
  std::string raw;
  if (!ecdsa_der_to_raw(*sig, ec_coordinate_size(a), raw)) {
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
