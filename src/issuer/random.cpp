#include "issuer/random.hpp"

#include "core/base64url.hpp"

#include <openssl/rand.h>

#include <cctype>
#include <stdexcept>
#include <string_view>

namespace mcpgate::issuer {

namespace {
constexpr std::string_view user_code_alphabet = "BCDFGHJKLMNPQRSTVWXZ";
constexpr std::size_t user_code_letters = 8;
}  // namespace

std::string system_random::bytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    // Without randomness nothing the issuer hands out is safe; this never happens on Linux.
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

std::string random_token(random_source& rnd, std::size_t n) {
  return core::base64url_encode(rnd.bytes(n));
}

std::string random_user_code(random_source& rnd) {
  std::string code;
  code.reserve(user_code_letters + 1);
  // 256 is not a multiple of 20: rejection sampling keeps the letters uniform.
  constexpr unsigned limit = 256 - 256 % user_code_alphabet.size();
  while (code.size() < user_code_letters + 1) {
    for (unsigned char b : rnd.bytes(16)) {
      if (code.size() == user_code_letters / 2) {
        code += '-';
      }
      if (code.size() == user_code_letters + 1) {
        break;
      }
      if (b < limit) {
        code += user_code_alphabet[b % user_code_alphabet.size()];
      }
    }
  }
  return code;
}

std::string normalize_user_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') {
      continue;
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace mcpgate::issuer
