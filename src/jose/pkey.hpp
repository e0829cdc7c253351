#pragma once

#include <openssl/types.h>

#include <utility>

namespace mcpgate::jose {

// Shared ownership of an OpenSSL key through its own reference count, so a key set can be copied
// into a new snapshot without re-importing (and re-checking) every key.
class pkey {
 public:
  pkey() noexcept = default;
  // Takes ownership of one reference.
  explicit pkey(EVP_PKEY* p) noexcept : p_{p} {}
  pkey(const pkey& other) noexcept;
  pkey(pkey&& other) noexcept : p_{std::exchange(other.p_, nullptr)} {}
  pkey& operator=(pkey other) noexcept {
    std::swap(p_, other.p_);
    return *this;
  }
  ~pkey();

  EVP_PKEY* get() const noexcept { return p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }

 private:
  EVP_PKEY* p_ = nullptr;
};

}  // namespace mcpgate::jose
