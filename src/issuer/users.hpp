#pragma once

#include "issuer/scope.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::issuer {

// A person the development issuer can sign in as, picked from a list instead of a password.
struct demo_user {
  std::string name;                // what the pages and `mcpgate token mint --user` use: "admin"
  std::string subject;             // the `sub` claim: "dev|admin"
  std::string description;         // one line on the pick-a-user page
  scope_list scopes;               // API permissions the user holds
  std::vector<std::string> roles;  // the https://mcp-demo/roles claim
};

// The reference's three users: admin (files:read files:delete, role admin), reader (files:read),
// basic (no scopes).
std::vector<demo_user> default_demo_users();

const demo_user* find_user(const std::vector<demo_user>& users, std::string_view name) noexcept;

// Every API scope some user holds: what scopes_supported advertises.
scope_list all_user_scopes(const std::vector<demo_user>& users);

}  // namespace mcpgate::issuer
