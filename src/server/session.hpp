#pragma once

// Streamable HTTP sessions. A session is created by initialize, named by a random id the client
// echoes in Mcp-Session-Id, and ended by DELETE or by idling out. Requests of one session may
// arrive on any worker, so its mutable state sits behind a mutex (the demo server is not the hot
// path; the gateway keeps no sessions).

#include "http/message.hpp"
#include "mcp/model.hpp"
#include "server/context.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace mcpgate::server {

struct session_limits {
  // Sessions alive at once; initialize beyond it is answered 503.
  std::size_t max_sessions = 1000;
  // A session unused for this long is forgotten (its id then gets 404).
  std::chrono::seconds idle_timeout{std::chrono::minutes{30}};
  // Server-to-client requests awaiting a reply in one session.
  std::size_t max_pending_requests = 16;
  // How long a handler waits for the client to answer sampling/elicitation.
  std::chrono::milliseconds reply_timeout{std::chrono::seconds{60}};
  // resources/subscribe entries per session.
  std::size_t max_subscriptions = 256;
};

// A server-to-client request waiting for its reply. The waiter sleeps on a timer on its own
// worker; the reply, arriving on whichever worker, is stored and the timer is cancelled from the
// waiter's executor (timers are not thread-safe).
struct pending_reply {
  explicit pending_reply(http::net::any_io_executor ex) : timer(ex) {}
  http::net::steady_timer timer;
  std::optional<client_reply> reply;  // guarded by the session mutex
};

class session {
 public:
  session(std::string id, std::string protocol_version, mcp::client_capabilities caps,
          mcp::implementation client, const session_limits& limits);

  const std::string& id() const noexcept { return id_; }
  const std::string& protocol_version() const noexcept { return protocol_version_; }
  const mcp::client_capabilities& capabilities() const noexcept { return caps_; }
  const mcp::implementation& client() const noexcept { return client_; }

  mcp::log_level log_level() const;
  void set_log_level(mcp::log_level level);

  bool subscribe(std::string uri);  // false when at the limit
  void unsubscribe(std::string_view uri);
  bool subscribed(std::string_view uri) const;

  // Registers a server-to-client request and returns its id, or nullopt at the limit.
  std::optional<boost::json::value> begin_request(std::shared_ptr<pending_reply> pending);
  // Hands the client's reply to the waiter; false when nothing waits for `id`.
  bool complete_request(const boost::json::value& id, client_reply reply);
  // The reply, if it has arrived (removes the entry when it has, or when `give_up`).
  std::optional<client_reply> take_reply(const boost::json::value& id, bool give_up);

  void close();  // DELETE: wakes every waiter with an error
  bool closed() const;

  void touch(std::chrono::steady_clock::time_point now);
  std::chrono::steady_clock::time_point last_seen() const;

 private:
  const std::string id_;
  const std::string protocol_version_;
  const mcp::client_capabilities caps_;
  const mcp::implementation client_;
  const session_limits& limits_;

  mutable std::mutex mu_;
  mcp::log_level level_ = mcp::log_level::info;
  std::set<std::string, std::less<>> subscriptions_;
  std::unordered_map<std::string, std::shared_ptr<pending_reply>> pending_;
  std::int64_t next_request_id_ = 1;
  bool closed_ = false;
  std::chrono::steady_clock::time_point last_seen_;
};

class session_store {
 public:
  explicit session_store(session_limits limits = {}) : limits_(limits) {}

  // A new session, or an error when the id source fails or the store is full
  // (errc::io_error / errc::too_many_sessions).
  result<std::shared_ptr<session>> create(std::string protocol_version,
                                          mcp::client_capabilities caps,
                                          mcp::implementation client);
  // The live session with this id (and marks it used), or null.
  std::shared_ptr<session> find(std::string_view id);
  // Ends the session; false when there was none.
  bool erase(std::string_view id);
  std::size_t size() const;

  const session_limits& limits() const noexcept { return limits_; }

 private:
  void expire_locked(std::chrono::steady_clock::time_point now);

  const session_limits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<session>> sessions_;
};

}  // namespace mcpgate::server
