#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/key_set.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace mcpgate::jose {

struct jwks_cache_options {
  // Freshness from Cache-Control max-age, bounded so that a misconfigured issuer can neither make
  // us hammer it (max-age=0) nor keep a revoked key for weeks.
  std::chrono::seconds default_ttl{10 * 60};
  std::chrono::seconds min_ttl{60};
  std::chrono::seconds max_ttl{24 * 60 * 60};
  // An unknown kid (a rotation we have not seen yet) triggers at most one refetch per cooldown,
  // so a flood of tokens with random kids costs the issuer one request per cooldown.
  std::chrono::seconds unknown_kid_cooldown{30};
  // After a failed fetch, wait this long before the next attempt.
  std::chrono::seconds retry_interval{30};
  // The last good set keeps serving during an outage until it is this old (counted from when it
  // was fetched); after that tokens fail with no_keys rather than trusting a set indefinitely.
  std::chrono::seconds max_stale{24 * 60 * 60};
  // A fetch that never reported back (a lost callback) stops blocking new fetches after this.
  std::chrono::seconds in_flight_timeout{2 * 60};
  jwks_options parse;
};

// The refresh policy of a remote JWKS as a clock-driven state machine with no I/O. The owner
// (the fetcher) asks begin_fetch(now) whether to fetch, performs the request, and reports the
// outcome with on_fetched / on_fetch_failed. At most one fetch is in flight. Thread-safe: the
// gateway's workers read keys while the fetcher reports.
class jwks_cache {
 public:
  using time_point = core::clock::time_point;

  explicit jwks_cache(jwks_cache_options opt = {}) : opt_{std::move(opt)} {}

  // The key set to verify with at `now`: the last good set while it is younger than max_stale
  // (or still within its TTL), else null.
  std::shared_ptr<const key_set> current(time_point now) const;

  // True when the owner should fetch now; the cache then counts a fetch in flight until the
  // owner reports. Due when there is no set yet, when the TTL ran out, or after an unknown kid.
  bool begin_fetch(time_point now);

  // A token named a kid the current set does not have. Returns true when this makes a refetch
  // due (the owner should call begin_fetch); false while the cooldown holds.
  bool note_unknown_kid(time_point now);

  // The outcome of the fetch begun by begin_fetch. A document that does not parse, or holds no
  // usable key, counts as a failure and the previous set stays.
  error_code on_fetched(std::string_view document, std::optional<std::chrono::seconds> max_age,
                        time_point now);
  void on_fetch_failed(error_code reason, time_point now);

  // When begin_fetch will next return true without an unknown kid (for the owner's timer).
  time_point next_fetch_due() const;

  struct status {
    bool has_keys = false;
    time_point fetched_at{};
    time_point expires_at{};
    std::uint64_t fetches = 0;   // fetches begun
    std::uint64_t failures = 0;  // fetches that failed
    error_code last_error;
    bool in_flight = false;
  };
  status snapshot() const;

 private:
  bool due_locked(time_point now) const;

  const jwks_cache_options opt_;
  mutable std::mutex mutex_;
  std::shared_ptr<const key_set> keys_;
  time_point fetched_at_{};
  time_point expires_at_{};
  std::optional<time_point> last_attempt_;
  std::optional<time_point> in_flight_since_;
  bool last_failed_ = false;
  bool refetch_requested_ = false;
  std::uint64_t fetches_ = 0;
  std::uint64_t failures_ = 0;
  error_code last_error_;
};

}  // namespace mcpgate::jose
