#include "gateway/authenticator.hpp"

#include "jose/error.hpp"
#include "json/access.hpp"

#include <algorithm>
#include <chrono>

namespace mcpgate::gateway {

namespace {

// When several providers are configured, the error worth reporting is the one from the provider
// the token was meant for: an issuer mismatch only says "not this provider".
bool more_telling(const error_code& candidate, const error_code& current) {
  return !current || (current == jose::errc::iss && candidate != jose::errc::iss) ||
         (current == jose::errc::unknown_kid && candidate != jose::errc::iss &&
          candidate != jose::errc::unknown_kid);
}

}  // namespace

authenticator::authenticator(const core::clock& clock, options opt)
    : clock_{clock}, cache_{opt.cache_entries} {}

http::task<authentication> authenticator::verify(std::string_view token,
                                                 const std::vector<provider>& providers,
                                                 std::uint64_t generation) {
  const auto now = clock_.now();
  if (const entry* hit = cache_.find(token, now);
      hit && hit->generation == generation && hit->keys == hit->who->issuer->keys->current()) {
    ++hits_;
    co_return authentication{hit->who, {}};
  }
  ++misses_;
  error_code best;
  for (const auto& p : providers) {
    auto keys = p.keys->current();
    if (!keys) {
      co_await p.keys->on_missing_keys();  // perhaps the first fetch is still in flight
      keys = p.keys->current();
    }
    if (!keys) {
      if (more_telling(jose::errc::no_keys, best)) {
        best = jose::errc::no_keys;
      }
      continue;
    }
    auto verified = jose::verify_jwt(token, *keys, p.options, clock_);
    if (!verified && verified.error() == jose::errc::unknown_kid) {
      // Perhaps a key rotation we have not seen yet: refetch (bounded by the source's cooldown)
      // and try once more.
      co_await p.keys->on_missing_keys();
      if (auto fresh = p.keys->current(); fresh && fresh != keys) {
        verified = jose::verify_jwt(token, *fresh, p.options, clock_);
        keys = std::move(fresh);
      }
    }
    if (!verified) {
      if (more_telling(verified.error(), best)) {
        best = verified.error();
      }
      continue;
    }
    auto who = std::make_shared<caller>();
    who->issuer = &p;
    who->expires = json::find_int64(verified->claims, "exp").value_or(0);
    if (const auto* sub = json::find_string(verified->claims, "sub")) {
      who->subject = std::string{json::view(*sub)};
    }
    who->token = std::move(*verified);
    std::shared_ptr<const caller> shared = std::move(who);
    // exp may be up to 2^53 (jose's bound), past what a nanosecond time_point holds: the cache
    // keeps the entry no later than the year 2255, and the token is verified again then.
    constexpr std::int64_t latest = 9'000'000'000;
    const auto expires = std::chrono::system_clock::time_point{
        std::chrono::seconds{std::min(shared->expires, latest)}};
    cache_.insert(std::string{token}, entry{shared, generation, keys}, expires);
    co_return authentication{std::move(shared), {}};
  }
  co_return authentication{nullptr, best ? best : error_code{jose::errc::no_keys}};
}

}  // namespace mcpgate::gateway
