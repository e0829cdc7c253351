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

struct device_limits {
  // How long a user has to enter the code (RFC 8628 §3.2 expires_in).
  std::chrono::seconds lifetime{600};
  // The minimum time between two polls (§3.2 interval).
  std::chrono::seconds interval{5};
  // Added to the interval each time a client polls too fast (§3.5 slow_down).
  std::chrono::seconds slow_down_step{5};
  // Device codes waiting for a decision; over it, new requests get temporarily_unavailable.
  std::size_t max_pending = 1000;
};

// The answer of the device authorization endpoint, before the URLs are added.
struct device_authorization {
  std::string device_code;
  std::string user_code;  // "XXXX-XXXX"
  std::chrono::seconds expires_in{0};
  std::chrono::seconds interval{0};
};

// What the verification page shows about a pending code.
struct device_request_view {
  std::string user_code;
  std::string client_id;
  grant requested;
};

// The RFC 8628 state machine: pending → approved | denied, expiring after `lifetime`; a device
// code is redeemed at most once. Not thread-safe: the issuer holds it behind its mutex.
class device_store {
 public:
  using time_point = core::clock::time_point;

  device_store(device_limits lim, random_source& rnd) : limits_{lim}, rnd_{&rnd} {}

  oauth_result<device_authorization> start(grant g, time_point now);

  // The page side, by what the person typed (case, dashes and spaces do not matter).
  // invalid_request when the code is unknown, expired or already decided.
  oauth_result<device_request_view> lookup(std::string_view user_code, time_point now) const;
  oauth_result<void> approve(std::string_view user_code, std::string user, time_point now);
  oauth_result<void> deny(std::string_view user_code, time_point now);

  // The token side (§3.4/§3.5): authorization_pending, slow_down, access_denied, expired_token,
  // invalid_grant (unknown, another client's, or already redeemed); or the approved grant, once.
  oauth_result<grant> poll(std::string_view device_code, std::string_view client_id,
                           time_point now);

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  enum class state { pending, approved, denied };
  struct entry {
    std::string user_code;  // normalised
    grant g;
    state st = state::pending;
    time_point expires;
    time_point last_poll;
    bool polled = false;
    std::chrono::seconds interval{0};
  };

  void purge(time_point now);
  entry* by_user_code(std::string_view typed, time_point now);

  device_limits limits_;
  random_source* rnd_;
  std::map<std::string, entry, std::less<>> entries_;  // by device code
};

}  // namespace mcpgate::issuer
