#pragma once

// Owning pointers for the OpenSSL objects this module creates. Internal to jose (not part of the
// public API), included only from .cpp files.

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>
#include <string_view>

namespace mcpgate::jose::detail {

struct openssl_free {
  void operator()(BIGNUM* p) const noexcept { BN_free(p); }
  void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
  void operator()(OSSL_PARAM_BLD* p) const noexcept { OSSL_PARAM_BLD_free(p); }
  void operator()(OSSL_PARAM* p) const noexcept { OSSL_PARAM_free(p); }
};

using bn_ptr = std::unique_ptr<BIGNUM, openssl_free>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, openssl_free>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, openssl_free>;
using param_bld_ptr = std::unique_ptr<OSSL_PARAM_BLD, openssl_free>;
using params_ptr = std::unique_ptr<OSSL_PARAM, openssl_free>;

inline const unsigned char* bytes(std::string_view s) noexcept {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Big-endian bytes of a BIGNUM, left-padded with zeros to `width` when width > 0.
std::string bn_bytes(const BIGNUM* bn, int width = 0);

}  // namespace mcpgate::jose::detail
