#pragma once

#include "core/clock.hpp"
#include "gateway/jwks_fetcher.hpp"
#include "gateway/key_source.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "jose/jwks_cache.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <functional>
#include <memory>

namespace mcpgate::gateway {

struct remote_jwks_options {
  jose::jwks_cache_options cache;
  jwks_fetch_options fetch;  // https rule, timeouts, document size
  // How long a request that met an unknown kid waits for the refetch it triggered.
  std::chrono::milliseconds unknown_kid_wait{std::chrono::seconds{5}};
};

// A JWKS fetched (jwks_fetcher.hpp: HTTPS, no redirects, bounded) and refreshed by
// jose::jwks_cache's policy: TTL from Cache-Control bounded, at most one refetch per cooldown for
// unknown kids, the last good set served through outages up to a maximum age. Fetches run on the
// control io_context, one at a time; workers only read the current set.
class remote_key_source final : public key_source,
                                public std::enable_shared_from_this<remote_key_source> {
 public:
  using fetch_observer = std::function<void(bool ok)>;

  remote_key_source(boost::asio::io_context& control, http::url url, remote_jwks_options options,
                    const core::clock& clock, fetch_observer observer = {});

  // Starts the refresh loop (the first fetch at once). Call once, before workers use it.
  void start();
  // Ends the refresh loop (on shutdown or when a reload dropped this source).
  void stop();

  std::shared_ptr<const jose::key_set> current() const override;
  http::task<void> on_missing_keys() override;
  std::string describe() const override { return url_.to_string(); }

  jose::jwks_cache::status status() const { return cache_.snapshot(); }

 private:
  http::task<void> refresh_loop();
  void wake();

  boost::asio::io_context& control_;
  http::url url_;
  remote_jwks_options options_;
  const core::clock& clock_;
  fetch_observer observer_;
  jose::jwks_cache cache_;
  http::client client_;
  boost::asio::steady_timer timer_;
  std::atomic<bool> stopped_{false};
};

}  // namespace mcpgate::gateway
