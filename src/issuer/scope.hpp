#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::issuer {

// A scope list in request order without duplicates.
using scope_list = std::vector<std::string>;

// Splits a space-separated scope parameter (RFC 6749 §3.3). Empty tokens from repeated spaces
// are dropped; duplicates are kept once. Returns false when a token holds a character outside
// %x21 / %x23-5B / %x5D-7E.
bool parse_scope(std::string_view text, scope_list& out);

std::string join_scope(const scope_list& scopes);

// The OpenID scopes a token may carry without any user permission behind them (Auth0 grants
// them to every user).
bool is_identity_scope(std::string_view scope) noexcept;

// What a token grants: requested ∩ allowed, plus the requested identity scopes; in request
// order. `permissions` gets the API scopes only (Auth0's RBAC "permissions" claim).
struct granted_scope {
  scope_list scope;
  scope_list permissions;
};
granted_scope grant_scope(const scope_list& requested, const scope_list& allowed);

bool contains(const scope_list& list, std::string_view item) noexcept;

}  // namespace mcpgate::issuer
