#include "server/session.hpp"

#include "server/error.hpp"
#include "server/session_id.hpp"

#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>

#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;

namespace {

std::string key_of(const bj::value& id) {
  return bj::serialize(id);
}

// Wakes a waiter on its own executor.
void wake(const std::shared_ptr<pending_reply>& p) {
  http::net::post(p->timer.get_executor(), [p] { p->timer.cancel(); });
}

}  // namespace

session::session(std::string id, std::string protocol_version, mcp::client_capabilities caps,
                 mcp::implementation client, const session_limits& limits)
    : id_(std::move(id)),
      protocol_version_(std::move(protocol_version)),
      caps_(caps),
      client_(std::move(client)),
      limits_(limits),
      last_seen_(std::chrono::steady_clock::now()) {}

mcp::log_level session::log_level() const {
  std::lock_guard lock{mu_};
  return level_;
}

void session::set_log_level(mcp::log_level level) {
  std::lock_guard lock{mu_};
  level_ = level;
}

bool session::subscribe(std::string uri) {
  std::lock_guard lock{mu_};
  if (subscriptions_.size() >= limits_.max_subscriptions && !subscriptions_.contains(uri)) {
    return false;
  }
  subscriptions_.insert(std::move(uri));
  return true;
}

void session::unsubscribe(std::string_view uri) {
  std::lock_guard lock{mu_};
  if (auto it = subscriptions_.find(uri); it != subscriptions_.end()) {
    subscriptions_.erase(it);
  }
}

bool session::subscribed(std::string_view uri) const {
  std::lock_guard lock{mu_};
  return subscriptions_.find(uri) != subscriptions_.end();
}

std::optional<bj::value> session::begin_request(std::shared_ptr<pending_reply> pending) {
  std::lock_guard lock{mu_};
  if (closed_ || pending_.size() >= limits_.max_pending_requests) {
    return std::nullopt;
  }
  // A prefix keeps our ids apart from anything a client might echo by mistake.
  bj::value id(bj::string("s" + std::to_string(next_request_id_++)));
  pending_.emplace(key_of(id), std::move(pending));
  return id;
}

bool session::complete_request(const bj::value& id, client_reply reply) {
  std::shared_ptr<pending_reply> p;
  {
    std::lock_guard lock{mu_};
    auto it = pending_.find(key_of(id));
    if (it == pending_.end() || it->second->reply) {
      return false;
    }
    p = it->second;
    p->reply = std::move(reply);
  }
  wake(p);
  return true;
}

std::optional<client_reply> session::take_reply(const bj::value& id, bool give_up) {
  std::lock_guard lock{mu_};
  auto it = pending_.find(key_of(id));
  if (it == pending_.end()) {
    return std::nullopt;
  }
  std::optional<client_reply> out = std::move(it->second->reply);
  if (out || give_up) {
    pending_.erase(it);
  }
  return out;
}

void session::close() {
  std::unordered_map<std::string, std::shared_ptr<pending_reply>> waiters;
  {
    std::lock_guard lock{mu_};
    closed_ = true;
    for (auto& [key, p] : pending_) {
      if (!p->reply) {
        client_reply r;
        r.error.code = static_cast<std::int64_t>(mcp::rpc_code::internal_error);
        r.error.message = "session ended";
        p->reply = std::move(r);
      }
    }
    waiters = pending_;
  }
  for (auto& [key, p] : waiters) {
    wake(p);
  }
}

bool session::closed() const {
  std::lock_guard lock{mu_};
  return closed_;
}

void session::touch(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock{mu_};
  last_seen_ = now;
}

std::chrono::steady_clock::time_point session::last_seen() const {
  std::lock_guard lock{mu_};
  return last_seen_;
}

result<std::shared_ptr<session>> session_store::create(std::string protocol_version,
                                                       mcp::client_capabilities caps,
                                                       mcp::implementation client) {
  auto id = new_session_id();
  if (!id) {
    return id.error();
  }
  std::lock_guard lock{mu_};
  expire_locked(std::chrono::steady_clock::now());
  if (sessions_.size() >= limits_.max_sessions) {
    return make_error_code(errc::too_many_sessions);
  }
  auto s =
      std::make_shared<session>(*id, std::move(protocol_version), caps, std::move(client), limits_);
  sessions_.emplace(*id, s);
  return s;
}

std::shared_ptr<session> session_store::find(std::string_view id) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock{mu_};
  auto it = sessions_.find(std::string{id});
  if (it == sessions_.end()) {
    return nullptr;
  }
  if (now - it->second->last_seen() > limits_.idle_timeout) {
    it->second->close();
    sessions_.erase(it);
    return nullptr;
  }
  it->second->touch(now);
  return it->second;
}

bool session_store::erase(std::string_view id) {
  std::shared_ptr<session> s;
  {
    std::lock_guard lock{mu_};
    auto it = sessions_.find(std::string{id});
    if (it == sessions_.end()) {
      return false;
    }
    s = std::move(it->second);
    sessions_.erase(it);
  }
  s->close();
  return true;
}

std::size_t session_store::size() const {
  std::lock_guard lock{mu_};
  return sessions_.size();
}

void session_store::expire_locked(std::chrono::steady_clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (now - it->second->last_seen() > limits_.idle_timeout) {
      it->second->close();
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace mcpgate::server
