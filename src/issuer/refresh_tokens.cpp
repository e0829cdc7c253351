#include "issuer/refresh_tokens.hpp"

namespace mcpgate::issuer {

namespace {
constexpr std::size_t refresh_token_bytes = 32;
}  // namespace

oauth_result<std::string> refresh_store::insert(grant g, std::uint64_t family, time_point now) {
  std::erase_if(tokens_, [&](const auto& kv) { return kv.second.expires <= now; });
  if (tokens_.size() >= limits_.max_tokens) {
    return fail(errc::temporarily_unavailable, "too many refresh tokens");
  }
  std::string token = random_token(*rnd_, refresh_token_bytes);
  tokens_.emplace(token, entry{std::move(g), family, false, now + limits_.lifetime});
  return token;
}

oauth_result<std::string> refresh_store::issue(grant g, time_point now) {
  return insert(std::move(g), next_family_++, now);
}

oauth_result<refresh_store::rotated> refresh_store::rotate(std::string_view token,
                                                           std::string_view client_id,
                                                           time_point now) {
  const auto it = tokens_.find(token);
  if (it == tokens_.end() || it->second.expires <= now) {
    return fail(errc::invalid_grant, "unknown or expired refresh token");
  }
  if (it->second.g.client_id != client_id) {
    return fail(errc::invalid_grant, "refresh token was issued to another client");
  }
  if (it->second.retired) {
    const std::uint64_t family = it->second.family;
    std::erase_if(tokens_, [&](const auto& kv) { return kv.second.family == family; });
    return fail(errc::invalid_grant, "refresh token was already used; its family is revoked");
  }
  it->second.retired = true;
  grant g = it->second.g;
  auto next = insert(g, it->second.family, now);
  if (!next) {
    return next.error();
  }
  return rotated{std::move(g), std::move(*next)};
}

}  // namespace mcpgate::issuer
