#pragma once

#include "core/clock.hpp"
#include "gateway/key_source.hpp"
#include "gateway/lru_cache.hpp"
#include "http/message.hpp"
#include "jose/verifier.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mcpgate::gateway {

// One trusted token issuer (AgentgatewayPolicy jwtAuthentication.providers[]).
struct provider {
  std::string issuer;
  jose::verify_options options;  // claims.issuer == issuer; audiences; algorithm allowlist
  std::shared_ptr<key_source> keys;
};

// A caller whose token verified. Shared by the worker's token cache and in-flight requests.
struct caller {
  jose::verified_token token;
  const provider* issuer = nullptr;  // valid while the snapshot that verified it lives
  std::int64_t expires = 0;          // the token's exp (Unix seconds)
  std::string subject;               // sub, or empty
  // The identity assertion for the backend, signed once and reused until close to its expiry
  // (mutable: filled lazily by the worker that owns the cache entry).
  mutable std::string assertion;
  mutable std::string assertion_audience;
  mutable std::int64_t assertion_expires = 0;
};

struct authentication {
  std::shared_ptr<const caller> who;  // null when anonymous or rejected
  error_code error;                   // why the token was refused (when one was presented)
};

// Verifies bearer tokens against a set of providers with a per-worker cache of verified tokens
// (DESIGN.md, Threading: key = the full token, entry lives until exp), so a repeated token costs
// a hash lookup instead of a signature verification. Not thread-safe: one per worker.
class authenticator {
 public:
  struct options {
    std::size_t cache_entries = 10'000;
  };
  authenticator(const core::clock& clock, options opt);

  // Verifies `token` with `providers` (of the snapshot with `generation`; cached entries of
  // another generation are ignored, so a reload takes effect at once).
  http::task<authentication> verify(std::string_view token, const std::vector<provider>& providers,
                                    std::uint64_t generation);

  std::uint64_t cache_hits() const noexcept { return hits_; }
  std::uint64_t cache_misses() const noexcept { return misses_; }

 private:
  struct entry {
    std::shared_ptr<const caller> who;
    std::uint64_t generation = 0;
    // The key set that verified it: when the provider's keys change (a JWKS refresh that drops
    // a key, or keys gone stale), the token is verified again instead of trusted from the cache.
    std::shared_ptr<const jose::key_set> keys;
  };
  const core::clock& clock_;
  lru_cache<entry> cache_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace mcpgate::gateway
