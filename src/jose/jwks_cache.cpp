#include "jose/jwks_cache.hpp"

#include "jose/error.hpp"

#include <algorithm>

namespace mcpgate::jose {

std::shared_ptr<const key_set> jwks_cache::current(time_point now) const {
  std::lock_guard lock{mutex_};
  if (!keys_) {
    return nullptr;
  }
  if (now < expires_at_ || now < fetched_at_ + opt_.max_stale) {
    return keys_;
  }
  return nullptr;
}

bool jwks_cache::due_locked(time_point now) const {
  if (in_flight_since_ && now < *in_flight_since_ + opt_.in_flight_timeout) {
    return false;
  }
  if (refetch_requested_) {
    return true;
  }
  if (last_failed_ && last_attempt_ && now < *last_attempt_ + opt_.retry_interval) {
    return false;
  }
  return !keys_ || now >= expires_at_;
}

bool jwks_cache::begin_fetch(time_point now) {
  std::lock_guard lock{mutex_};
  if (!due_locked(now)) {
    return false;
  }
  in_flight_since_ = now;
  last_attempt_ = now;
  refetch_requested_ = false;
  ++fetches_;
  return true;
}

bool jwks_cache::note_unknown_kid(time_point now) {
  std::lock_guard lock{mutex_};
  if (refetch_requested_) {
    return !in_flight_since_;
  }
  // The cooldown counts from the last fetch of any kind: a set fetched seconds ago already has
  // every key the issuer publishes.
  if (last_attempt_ && now < *last_attempt_ + opt_.unknown_kid_cooldown) {
    return false;
  }
  refetch_requested_ = true;
  return due_locked(now);
}

error_code jwks_cache::on_fetched(std::string_view document,
                                  std::optional<std::chrono::seconds> max_age, time_point now) {
  auto parsed = key_set::parse(document, opt_.parse);
  error_code ec;
  if (!parsed) {
    ec = parsed.error();
  } else if (parsed->empty()) {
    ec = make_error_code(errc::no_keys);
  }
  if (ec) {
    on_fetch_failed(ec, now);
    return ec;
  }
  const auto ttl = std::clamp(max_age.value_or(opt_.default_ttl), opt_.min_ttl, opt_.max_ttl);
  auto fresh = std::make_shared<const key_set>(std::move(*parsed));
  std::lock_guard lock{mutex_};
  keys_ = std::move(fresh);
  fetched_at_ = now;
  expires_at_ = now + ttl;
  in_flight_since_.reset();
  last_failed_ = false;
  last_error_ = {};
  return {};
}

void jwks_cache::on_fetch_failed(error_code reason, time_point now) {
  std::lock_guard lock{mutex_};
  (void)now;
  in_flight_since_.reset();
  last_failed_ = true;
  last_error_ = reason;
  ++failures_;
}

jwks_cache::time_point jwks_cache::next_fetch_due() const {
  std::lock_guard lock{mutex_};
  if (in_flight_since_) {
    return *in_flight_since_ + opt_.in_flight_timeout;
  }
  if (refetch_requested_ || !last_attempt_) {
    return last_attempt_.value_or(time_point{});
  }
  if (last_failed_) {
    const auto retry = *last_attempt_ + opt_.retry_interval;
    return keys_ ? std::max(retry, expires_at_) : retry;
  }
  return expires_at_;
}

jwks_cache::status jwks_cache::snapshot() const {
  std::lock_guard lock{mutex_};
  return {keys_ != nullptr,
          fetched_at_,
          expires_at_,
          fetches_,
          failures_,
          last_error_,
          in_flight_since_.has_value()};
}

}  // namespace mcpgate::jose
