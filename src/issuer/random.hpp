#pragma once

#include <cstddef>
#include <string>

namespace mcpgate::issuer {

// Where codes and secrets get their randomness (STYLE.md, habit 5: randomness is passed in).
class random_source {
 public:
  virtual ~random_source() = default;
  // `n` unpredictable bytes.
  virtual std::string bytes(std::size_t n) = 0;
};

// OpenSSL's CSPRNG; thread-safe.
class system_random final : public random_source {
 public:
  std::string bytes(std::size_t n) override;
};

// A base64url string of `n` random bytes: codes, tokens, client ids and secrets.
std::string random_token(random_source& rnd, std::size_t n = 32);

// An RFC 8628 §6.1 user code: 8 letters from an alphabet without vowels (no words) and without
// look-alikes, shown as "XXXX-XXXX". 20^8 ≈ 2.6e10 codes against a few pending ones.
std::string random_user_code(random_source& rnd);

// The canonical form of what a person typed: upper case, dashes and spaces dropped.
std::string normalize_user_code(std::string_view typed);

}  // namespace mcpgate::issuer
