#include "issuer/pkce.hpp"

#include "core/base64url.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>

namespace mcpgate::issuer {

namespace {
constexpr std::size_t min_verifier = 43;
constexpr std::size_t max_verifier = 128;
constexpr std::size_t s256_challenge_length = 43;

bool unreserved(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
         c == '~';
}
}  // namespace

std::string s256_challenge(std::string_view verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return core::base64url_encode(
      std::string_view{reinterpret_cast<const char*>(digest), sizeof digest});
}

bool valid_verifier(std::string_view verifier) noexcept {
  return verifier.size() >= min_verifier && verifier.size() <= max_verifier &&
         std::all_of(verifier.begin(), verifier.end(), unreserved);
}

bool valid_s256_challenge(std::string_view challenge) noexcept {
  return challenge.size() == s256_challenge_length && core::base64url_decode(challenge).has_value();
}

oauth_result<void> verify_pkce(std::string_view verifier, std::string_view challenge) {
  if (!valid_verifier(verifier)) {
    return fail(errc::invalid_grant, "code_verifier must be 43 to 128 unreserved characters");
  }
  const std::string computed = s256_challenge(verifier);
  // Constant time: the challenge is not secret, but there is no reason to leak how close a
  // guess came.
  if (computed.size() != challenge.size() ||
      CRYPTO_memcmp(computed.data(), challenge.data(), computed.size()) != 0) {
    return fail(errc::invalid_grant, "code_verifier does not match the code_challenge");
  }
  return {};
}

}  // namespace mcpgate::issuer
