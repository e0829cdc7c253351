#include "issuer/users.hpp"

#include <algorithm>

namespace mcpgate::issuer {

std::vector<demo_user> default_demo_users() {
  return {
      {"admin",
       "dev|admin",
       "Administrator: may read and delete files and see system status",
       {"files:read", "files:delete"},
       {"admin"}},
      {"reader", "dev|reader", "Reader: may list files", {"files:read"}, {}},
      {"basic", "dev|basic", "Basic user: signed in, no permissions", {}, {}},
  };
}

const demo_user* find_user(const std::vector<demo_user>& users, std::string_view name) noexcept {
  const auto it =
      std::find_if(users.begin(), users.end(), [&](const demo_user& u) { return u.name == name; });
  return it == users.end() ? nullptr : &*it;
}

scope_list all_user_scopes(const std::vector<demo_user>& users) {
  scope_list out;
  for (const auto& u : users) {
    for (const auto& s : u.scopes) {
      if (!contains(out, s)) {
        out.push_back(s);
      }
    }
  }
  return out;
}

}  // namespace mcpgate::issuer
