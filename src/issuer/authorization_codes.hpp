#pragma once

#include "core/clock.hpp"
#include "issuer/error.hpp"
#include "issuer/grant.hpp"
#include "issuer/random.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace mcpgate::issuer {

struct code_limits {
  // OAuth 2.1 §4.1.2: short-lived; a minute is enough for a redirect and a token request.
  std::chrono::seconds lifetime{60};
  // Codes issued and not yet redeemed.
  std::size_t max_pending = 1000;
};

// An approved authorization request waiting for its token request.
struct code_request {
  grant g;
  std::string redirect_uri;
  std::string code_challenge;  // S256
};

// Authorization codes: single use (the first redemption attempt consumes the code, whatever its
// outcome), bound to the client, the redirect URI and the PKCE challenge. Not thread-safe.
class code_store {
 public:
  using time_point = core::clock::time_point;

  code_store(code_limits lim, random_source& rnd) : limits_{lim}, rnd_{&rnd} {}

  oauth_result<std::string> issue(code_request req, time_point now);

  // invalid_grant for an unknown, used or expired code, another client, another redirect URI
  // or a verifier that does not match.
  oauth_result<grant> redeem(std::string_view code, std::string_view client_id,
                             std::string_view redirect_uri, std::string_view verifier,
                             time_point now);

  std::size_t size() const noexcept { return codes_.size(); }

 private:
  struct entry {
    code_request req;
    time_point expires;
  };

  code_limits limits_;
  random_source* rnd_;
  std::map<std::string, entry, std::less<>> codes_;
};

}  // namespace mcpgate::issuer
