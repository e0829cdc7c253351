#include "issuer/access_token.hpp"

namespace mcpgate::issuer {

namespace bj = boost::json;

namespace {
bj::array to_array(const std::vector<std::string>& items) {
  bj::array out;
  for (const auto& i : items) {
    out.emplace_back(i);
  }
  return out;
}
}  // namespace

bj::object access_token_claims(std::string_view issuer_id, const token_subject& s, std::int64_t now,
                               std::chrono::seconds ttl, std::string jti) {
  bj::object c;
  c["iss"] = issuer_id;
  c["sub"] = s.sub;
  c["aud"] = s.audience;
  c["iat"] = now;
  c["exp"] = now + ttl.count();
  c["jti"] = std::move(jti);
  c["azp"] = s.client_id;
  if (!s.scope.scope.empty()) {
    c["scope"] = join_scope(s.scope.scope);
  }
  if (s.client_credentials) {
    c["gty"] = "client-credentials";
  }
  c["permissions"] = to_array(s.scope.permissions);
  c[roles_claim] = to_array(s.roles);
  return c;
}

result<std::string> sign_access_token(const bj::object& claims, const jose::signing_key& key) {
  return jose::sign(bj::object{{"typ", "at+jwt"}}, claims, key);
}

}  // namespace mcpgate::issuer
