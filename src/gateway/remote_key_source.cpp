#include "gateway/remote_key_source.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mcpgate::gateway {

namespace net = boost::asio;

remote_key_source::remote_key_source(net::io_context& control, http::url url,
                                     remote_jwks_options options, const core::clock& clock,
                                     fetch_observer observer)
    : control_{control},
      url_{std::move(url)},
      options_{std::move(options)},
      clock_{clock},
      observer_{std::move(observer)},
      cache_{options_.cache},
      client_{control.get_executor()},
      timer_{control} {}

void remote_key_source::start() {
  net::co_spawn(
      control_, [self = shared_from_this()]() { return self->refresh_loop(); }, net::detached);
}

void remote_key_source::stop() {
  stopped_ = true;
  net::post(control_, [self = shared_from_this()] { self->timer_.cancel(); });
}

std::shared_ptr<const jose::key_set> remote_key_source::current() const {
  return cache_.current(clock_.now());
}

void remote_key_source::wake() {
  net::post(control_, [self = shared_from_this()] { self->timer_.cancel(); });
}

http::task<void> remote_key_source::on_missing_keys() {
  const auto before = cache_.snapshot();
  // Join a fetch already in flight (the first one, at start); otherwise ask for a new one, which
  // the cooldown may refuse.
  if (!before.in_flight) {
    if (!cache_.note_unknown_kid(clock_.now())) {
      co_return;
    }
    wake();
  }
  // Wait (polling, on this worker) until that fetch has finished.
  net::steady_timer wait{co_await net::this_coro::executor};
  const auto deadline = std::chrono::steady_clock::now() + options_.unknown_kid_wait;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto s = cache_.snapshot();
    if (!s.in_flight && (before.in_flight || s.fetches > before.fetches)) {
      break;
    }
    wait.expires_after(std::chrono::milliseconds{20});
    co_await wait.async_wait(net::as_tuple(net::use_awaitable_t<net::any_io_executor>{}));
  }
}

http::task<void> remote_key_source::refresh_loop() {
  auto self = shared_from_this();
  while (!stopped_) {
    const auto before = cache_.snapshot();
    if (co_await refresh_once(client_, url_, cache_, clock_, options_.fetch)) {
      const auto after = cache_.snapshot();
      const bool ok = after.failures == before.failures;
      if (ok) {
        const auto keys = cache_.current(clock_.now());
        spdlog::info("JWKS {}: {} key(s) loaded", url_.to_string(), keys ? keys->keys().size() : 0);
      } else {
        spdlog::warn("JWKS {}: fetch failed: {}", url_.to_string(), after.last_error.message());
      }
      if (observer_) {
        observer_(ok);
      }
      continue;
    }
    // Sleep until the next fetch is due; an unknown kid or stop() cancels the sleep.
    const auto due = cache_.next_fetch_due();
    const auto delay =
        std::max(std::chrono::milliseconds{50},
                 std::chrono::duration_cast<std::chrono::milliseconds>(due - clock_.now()));
    timer_.expires_after(std::min<std::chrono::milliseconds>(delay, std::chrono::hours{1}));
    co_await timer_.async_wait(net::as_tuple(net::use_awaitable_t<net::any_io_executor>{}));
  }
}

}  // namespace mcpgate::gateway
