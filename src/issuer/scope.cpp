#include "issuer/scope.hpp"

#include <algorithm>
#include <array>

namespace mcpgate::issuer {

namespace {
bool scope_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
}  // namespace

bool contains(const scope_list& list, std::string_view item) noexcept {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool parse_scope(std::string_view text, scope_list& out) {
  out.clear();
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    const std::string_view token = text.substr(pos, end - pos);
    if (!token.empty()) {
      if (!std::all_of(token.begin(), token.end(), scope_char)) {
        return false;
      }
      if (!contains(out, token)) {
        out.emplace_back(token);
      }
    }
    pos = end + 1;
  }
  return true;
}

std::string join_scope(const scope_list& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) {
      out += ' ';
    }
    out += s;
  }
  return out;
}

bool is_identity_scope(std::string_view scope) noexcept {
  static constexpr std::array<std::string_view, 4> identity{"openid", "profile", "email",
                                                            "offline_access"};
  return std::find(identity.begin(), identity.end(), scope) != identity.end();
}

granted_scope grant_scope(const scope_list& requested, const scope_list& allowed) {
  granted_scope g;
  for (const auto& s : requested) {
    if (is_identity_scope(s)) {
      g.scope.push_back(s);
    } else if (contains(allowed, s)) {
      g.scope.push_back(s);
      g.permissions.push_back(s);
    }
  }
  return g;
}

}  // namespace mcpgate::issuer
