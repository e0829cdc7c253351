#pragma once

#include "core/clock.hpp"
#include "issuer/error.hpp"
#include "issuer/grant.hpp"
#include "issuer/random.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mcpgate::issuer {

struct refresh_limits {
  std::chrono::seconds lifetime{std::chrono::hours{24}};
  // Live and recently rotated tokens kept; over it, new grants get temporarily_unavailable.
  std::size_t max_tokens = 10000;
};

// Refresh tokens with rotation (OAuth 2.1 §4.3.1 for public clients): each use returns a new
// token and retires the old one; presenting a retired token again revokes the whole family, as
// the reuse means one copy was stolen. Not thread-safe.
class refresh_store {
 public:
  using time_point = core::clock::time_point;

  refresh_store(refresh_limits lim, random_source& rnd) : limits_{lim}, rnd_{&rnd} {}

  // A refresh token starting a new family; `g.scope` is the granted scope.
  oauth_result<std::string> issue(grant g, time_point now);

  struct rotated {
    grant g;
    std::string token;
  };
  // invalid_grant for an unknown, expired or retired token, or another client's.
  oauth_result<rotated> rotate(std::string_view token, std::string_view client_id, time_point now);

  std::size_t size() const noexcept { return tokens_.size(); }

 private:
  struct entry {
    grant g;
    std::uint64_t family = 0;
    bool retired = false;
    time_point expires;
  };

  oauth_result<std::string> insert(grant g, std::uint64_t family, time_point now);

  refresh_limits limits_;
  random_source* rnd_;
  std::uint64_t next_family_ = 1;
  std::map<std::string, entry, std::less<>> tokens_;
};

}  // namespace mcpgate::issuer
