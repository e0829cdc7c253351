// Token parsing and full verification against fixed RFC keys (RSA, P-256, Ed25519), as the
// gateway runs it on every request, plus the unverified decoder of `mcpgate jwt decode`.
#include "jose/error.hpp"
#include "jose/key_set.hpp"
#include "jose/verifier.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// RFC 7515 A.2 (RSA), A.3 (P-256) and RFC 8037 A.1 (Ed25519) public keys.
constexpr std::string_view jwks =
    R"({"keys":[{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","kid":"rfc7515-a2","use":"sig","alg":"RS256"},{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"rfc7515-a3"},{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037-a1"}]})";

const mcpgate::jose::key_set& keys() {
  static const mcpgate::jose::key_set set = mcpgate::jose::key_set::parse(jwks).value();
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token{reinterpret_cast<const char*>(data), size};
  mcpgate::jose::verify_options opt;
  opt.claims.issuer = "https://tenant.auth0.com/";
  opt.claims.audiences = {"https://mcp-demo/api"};
  auto r = mcpgate::jose::verify_jwt(token, keys(), opt, 1767225600);
  if (!r) {
    (void)mcpgate::jose::describe(r.error());
  }
  (void)mcpgate::jose::split_unverified(token);
  return 0;
}
