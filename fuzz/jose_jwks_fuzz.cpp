// JWKS and single-JWK import: strict JSON, base64url members, OpenSSL key construction and
// checks, and key selection over whatever was imported.
#include "jose/jwk.hpp"
#include "jose/key_set.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  auto set = mcpgate::jose::key_set::parse(text);
  if (set) {
    mcpgate::jose::jws_header h;
    mcpgate::jose::key_candidates c;
    for (const auto& key : set->keys()) {
      h.kid = key.kid;
      h.has_kid = key.has_kid;
      for (std::size_t i = 0; i < mcpgate::jose::alg_count; ++i) {
        h.alg = static_cast<mcpgate::jose::alg>(i);
        (void)set->select(h, c);
      }
    }
  }
  mcpgate::jose::jwk_options opt;
  opt.allow_symmetric = true;
  (void)mcpgate::jose::parse_jwk(text, opt);
  return 0;
}
