#include "issuer/authorization_codes.hpp"

#include "issuer/pkce.hpp"

namespace mcpgate::issuer {

namespace {
constexpr std::size_t code_bytes = 32;
}  // namespace

oauth_result<std::string> code_store::issue(code_request req, time_point now) {
  std::erase_if(codes_, [&](const auto& kv) { return kv.second.expires <= now; });
  if (codes_.size() >= limits_.max_pending) {
    return fail(errc::temporarily_unavailable, "too many pending authorization codes");
  }
  std::string code = random_token(*rnd_, code_bytes);
  codes_.emplace(code, entry{std::move(req), now + limits_.lifetime});
  return code;
}

oauth_result<grant> code_store::redeem(std::string_view code, std::string_view client_id,
                                       std::string_view redirect_uri, std::string_view verifier,
                                       time_point now) {
  const auto it = codes_.find(code);
  if (it == codes_.end()) {
    return fail(errc::invalid_grant, "unknown or already used authorization code");
  }
  // Consumed before any check: a code that leaked is worth one try, not many.
  entry e = std::move(it->second);
  codes_.erase(it);
  if (e.expires <= now) {
    return fail(errc::invalid_grant, "authorization code has expired");
  }
  if (e.req.g.client_id != client_id) {
    return fail(errc::invalid_grant, "authorization code was issued to another client");
  }
  if (e.req.redirect_uri != redirect_uri) {
    return fail(errc::invalid_grant, "redirect_uri differs from the authorization request");
  }
  if (auto ok = verify_pkce(verifier, e.req.code_challenge); !ok) {
    return ok.error();
  }
  return std::move(e.req.g);
}

}  // namespace mcpgate::issuer
