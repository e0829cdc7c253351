#include "issuer/device_flow.hpp"

#include <algorithm>

namespace mcpgate::issuer {

namespace {
// A device code is a bearer secret polled over and over: 32 random bytes.
constexpr std::size_t device_code_bytes = 32;
}  // namespace

void device_store::purge(time_point now) {
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.expires <= now; });
}

oauth_result<device_authorization> device_store::start(grant g, time_point now) {
  purge(now);
  if (entries_.size() >= limits_.max_pending) {
    return fail(errc::temporarily_unavailable, "too many pending device authorizations");
  }
  device_authorization out;
  out.device_code = random_token(*rnd_, device_code_bytes);
  // A collision among a few pending 8-letter codes is unlikely but would approve the wrong
  // device: draw again.
  do {
    out.user_code = random_user_code(*rnd_);
  } while (by_user_code(out.user_code, now) != nullptr);
  out.expires_in = limits_.lifetime;
  out.interval = limits_.interval;

  entry e;
  e.user_code = normalize_user_code(out.user_code);
  e.g = std::move(g);
  e.expires = now + limits_.lifetime;
  e.interval = limits_.interval;
  entries_.emplace(out.device_code, std::move(e));
  return out;
}

device_store::entry* device_store::by_user_code(std::string_view typed, time_point now) {
  const std::string code = normalize_user_code(typed);
  for (auto& [device_code, e] : entries_) {
    if (e.user_code == code && e.expires > now) {
      return &e;
    }
  }
  return nullptr;
}

oauth_result<device_request_view> device_store::lookup(std::string_view user_code,
                                                       time_point now) const {
  auto* e = const_cast<device_store*>(this)->by_user_code(user_code, now);
  if (e == nullptr || e->st != state::pending) {
    return fail(errc::invalid_request, "unknown or expired code");
  }
  return device_request_view{e->user_code, e->g.client_id, e->g};
}

oauth_result<void> device_store::approve(std::string_view user_code, std::string user,
                                         time_point now) {
  auto* e = by_user_code(user_code, now);
  if (e == nullptr || e->st != state::pending) {
    return fail(errc::invalid_request, "unknown or expired code");
  }
  e->st = state::approved;
  e->g.user = std::move(user);
  return {};
}

oauth_result<void> device_store::deny(std::string_view user_code, time_point now) {
  auto* e = by_user_code(user_code, now);
  if (e == nullptr || e->st != state::pending) {
    return fail(errc::invalid_request, "unknown or expired code");
  }
  e->st = state::denied;
  return {};
}

oauth_result<grant> device_store::poll(std::string_view device_code, std::string_view client_id,
                                       time_point now) {
  const auto it = entries_.find(device_code);
  if (it == entries_.end()) {
    return fail(errc::invalid_grant, "unknown or already used device_code");
  }
  entry& e = it->second;
  if (e.g.client_id != client_id) {
    return fail(errc::invalid_grant, "device_code was issued to another client");
  }
  if (e.expires <= now) {
    entries_.erase(it);
    return fail(errc::expired_token, "device_code has expired");
  }
  const bool too_fast = e.polled && now - e.last_poll < e.interval;
  e.polled = true;
  e.last_poll = now;
  if (too_fast) {
    e.interval += limits_.slow_down_step;
    return fail(errc::slow_down,
                "polling too fast; interval is now " + std::to_string(e.interval.count()) + " s");
  }
  switch (e.st) {
    case state::pending:
      return fail(errc::authorization_pending, "the user has not decided yet");
    case state::denied:
      entries_.erase(it);
      return fail(errc::access_denied, "the user denied the request");
    case state::approved:
      break;
  }
  grant g = std::move(e.g);
  entries_.erase(it);
  return g;
}

}  // namespace mcpgate::issuer
