#include "gateway/remote_key_source.hpp"

#include "jose/cache_control.hpp"
#include "jose/error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace mcpgate::gateway {

namespace net = boost::asio;

remote_key_source::remote_key_source(net::io_context& control, http::url url, remote_jwks_options options,
                                     const core::clock& clock, fetch_observer observer)
    : control_{control},
      url_{std::move(url)},
      options_{std::move(options)},
      clock_{clock},
      observer_{std::move(observer)},
      cache_{options_.cache},
      client_{control.get_executor()},
      timer_{control} {}

void remote_key_source::start() {
  net::co_spawn(control_, [self = shared_from_this()]() { return self->refresh_loop(); }, net::detached);
}

void remote_key_source::stop() {
  stopped_ = true;
  net::post(control_, [self = shared_from_this()] { self->timer_.cancel(); });
}

std::shared_ptr<const jose::key_set> remote_key_source::current() const { return cache_.current(clock_.now()); }

void remote_key_source::wake() {
  net::post(control_, [self = shared_from_this()] { self->timer_.cancel(); });
}

http::task<void> remote_key_source::on_unknown_kid() {
  if (!cache_.note_unknown_kid(clock_.now())) {
    co_return;  // the cooldown holds: no refetch now
  }
  const auto before = cache_.snapshot().fetches;
  wake();
  // Wait (polling, on this worker) until the fetch we asked for has finished.
  net::steady_timer wait{co_await net::this_coro::executor};
  const auto deadline = std::chrono::steady_clock::now() + options_.unknown_kid_wait;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto s = cache_.snapshot();
    if (s.fetches > before && !s.in_flight) {
      break;
    }
    wait.expires_after(std::chrono::milliseconds{20});
    co_await wait.async_wait(net::as_tuple(net::use_awaitable_t<net::any_io_executor>{}));
  }
}

http::task<void> remote_key_source::fetch_once() {
  http::request req{http::verb::get, url_.target, 11};
  req.set(http::field::accept, "application/json, application/jwk-set+json");
  req.set(http::field::user_agent, "mcpgate");
  auto res = co_await client_.send(url_, std::move(req), options_.request);
  const auto now = clock_.now();
  if (!res) {
    cache_.on_fetch_failed(res.error(), now);
    spdlog::warn("JWKS {}: fetch failed: {}", url_.to_string(), res.error().message());
  } else if (res->result() != http::status::ok) {
    // Redirects are refused like any other non-200 answer: keys come from the configured URL.
    cache_.on_fetch_failed(jose::errc::no_keys, now);
    spdlog::warn("JWKS {}: HTTP {} (redirects are not followed)", url_.to_string(), res->result_int());
  } else {
    const auto cc = res->find(http::field::cache_control);
    const auto max_age = cc == res->end() ? std::nullopt
                                          : jose::max_age_from_cache_control({cc->value().data(), cc->value().size()});
    if (auto ec = cache_.on_fetched(res->body(), max_age, now)) {
      spdlog::warn("JWKS {}: unusable document: {}", url_.to_string(), ec.message());
    } else {
      const auto keys = cache_.current(now);
      spdlog::info("JWKS {}: {} key(s) loaded", url_.to_string(), keys ? keys->keys().size() : 0);
      if (observer_) {
        observer_(true);
      }
      co_return;
    }
  }
  if (observer_) {
    observer_(false);
  }
}

http::task<void> remote_key_source::refresh_loop() {
  auto self = shared_from_this();
  while (!stopped_) {
    if (cache_.begin_fetch(clock_.now())) {
      co_await fetch_once();
      continue;
    }
    // Sleep until the next fetch is due; an unknown kid or stop() cancels the sleep.
    const auto due = cache_.next_fetch_due();
    const auto delay = std::max(std::chrono::milliseconds{50},
                                std::chrono::duration_cast<std::chrono::milliseconds>(due - clock_.now()));
    timer_.expires_after(std::min<std::chrono::milliseconds>(delay, std::chrono::hours{1}));
    co_await timer_.async_wait(net::as_tuple(net::use_awaitable_t<net::any_io_executor>{}));
  }
}

}  // namespace mcpgate::gateway
