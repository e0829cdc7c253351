#pragma once

#include "issuer/scope.hpp"

#include <string>

namespace mcpgate::issuer {

// What a token is being issued for, carried from the request that started a flow to the token
// endpoint that finishes it.
struct grant {
  std::string client_id;
  std::string user;          // demo user name; empty for client_credentials
  scope_list scope;          // the scope asked for (flows) or granted (refresh)
  bool scope_given = false;  // false: the request had no scope, the user's default applies
  std::string audience;      // the token's aud (RFC 8707 resource or Auth0 audience)
};

}  // namespace mcpgate::issuer
