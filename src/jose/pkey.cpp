#include "jose/pkey.hpp"

#include <openssl/evp.h>

namespace mcpgate::jose {

pkey::pkey(const pkey& other) noexcept : p_{other.p_} {
  if (p_ != nullptr) {
    EVP_PKEY_up_ref(p_);
  }
}

pkey::~pkey() {
  EVP_PKEY_free(p_);
}

}  // namespace mcpgate::jose
