#include "gateway/service.hpp"

#include "config/error.hpp"
#include "gateway/effective_config.hpp"
#include "gateway/file_watch.hpp"
#include "gateway/gateway_metrics.hpp"
#include "gateway/identity.hpp"
#include "gateway/pipeline.hpp"
#include "gateway/remote_key_source.hpp"
#include "gateway/responses.hpp"
#include "gateway/snapshot.hpp"
#include "http/server.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/key_set.hpp"

#include <openssl/rand.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace mcpgate::gateway {

namespace net = boost::asio;

namespace {

// Idle upstream connections a worker keeps per backend origin (see on_worker_start).
constexpr std::size_t upstream_idle_per_origin = 1024;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string random_kid() {
  unsigned char bytes[6];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    return "mcpgate";
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "mcpgate-";
  for (const unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

// The identity assertion key: a PEM file, or a fresh ES256 key (backends then trust the JWKS the
// gateway serves, which changes at every start). A key file's kid is its RFC 7638 thumbprint:
// replicas that share the file announce the same kid, so a backend that fetched the JWKS from one
// replica verifies assertions from all of them.
jose::signing_key identity_key(const config::identity_assertion& id) {
  if (!id.key_file.empty()) {
    const std::string pem = read_file(id.key_file);
    std::string kid = random_kid();
    if (auto probe = jose::signing_key::from_pem(pem)) {
      if (auto jwk = probe->public_jwk()) {
        kid = jose::jwk_thumbprint(*jwk);
      }
    }
    auto key = jose::signing_key::from_pem(pem, kid);
    if (!key) {
      throw std::runtime_error("identity key " + id.key_file.string() + ": " +
                               jose::describe(key.error()));
    }
    return std::move(*key);
  }
  auto key = jose::signing_key::generate(jose::alg::es256, random_kid());
  if (!key) {
    throw std::runtime_error("cannot generate the identity key: " + jose::describe(key.error()));
  }
  return std::move(*key);
}

}  // namespace

struct service::impl {
  service_options opt;
  const core::clock& clock = core::real_clock();
  net::io_context control;
  // SIGHUP reloads; registered before the listeners open, so a reload request that arrives as
  // soon as the port answers cannot kill the process (SIGHUP's default action).
  std::optional<net::signal_set> hup;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> control_guard;
  std::thread control_thread;

  std::shared_ptr<const config::gateway_config> cfg;
  snapshot_holder holder;
  std::uint64_t generation = 0;
  std::map<std::string, std::shared_ptr<remote_key_source>> remotes;  // by URL, control thread only
  std::unique_ptr<gateway_metrics> metrics;
  std::unique_ptr<identity_signer> identity;
  std::vector<std::unique_ptr<worker_state>> workers;
  std::unique_ptr<pipeline> pipe;
  std::unique_ptr<http::server> main_server;
  std::unique_ptr<http::server> admin_server;
  std::unique_ptr<file_watch> watch;

  explicit impl(service_options o) : opt{std::move(o)} {}

  // The workers' clients hold sockets of the main server's io_contexts, and a socket destroyed
  // after its io_context is a use-after-free (members go in reverse order: the server first).
  // So: stop the worker threads, close the pooled connections while the contexts exist, and
  // let streams torn down with the contexts close their connections instead of pooling them.
  ~impl() {
    for (auto* server : {main_server.get(), admin_server.get()}) {
      if (server) {
        server->stop();
        server->wait();
      }
    }
    for (auto& w : workers) {
      if (w) {
        w->client.shutdown();
      }
    }
    admin_server.reset();
    main_server.reset();
  }

  key_source_factory key_sources(std::set<std::string>& used) {
    return [this, &used](const config::jwt_provider& p) -> std::shared_ptr<key_source> {
      if (const auto* inl = std::get_if<config::inline_jwks>(&p.jwks)) {
        auto keys = jose::key_set::parse(inl->json);
        if (!keys) {
          throw config::config_error(inl->where, "jwks.inline",
                                     "invalid JWKS: " + jose::describe(keys.error()));
        }
        if (keys->empty()) {
          throw config::config_error(inl->where, "jwks.inline", "the JWKS holds no usable key");
        }
        const auto n = keys->keys().size();
        return std::make_shared<fixed_key_source>(
            std::make_shared<const jose::key_set>(std::move(*keys)),
            "inline JWKS (" + std::to_string(n) + " keys)");
      }
      const auto& remote = std::get<config::remote_jwks>(p.jwks);
      const std::string url = remote.resolved_url.empty() ? remote.url : remote.resolved_url;
      auto parsed = http::parse_url(url);
      if (!parsed) {
        throw config::config_error(remote.where, "jwks.remote", "invalid JWKS URL \"" + url + "\"");
      }
      remote_jwks_options ro;
      if (cfg) {
        const auto& hosts = cfg->jwks.allow_plain_http_hosts;
        ro.fetch.allow_plain_http =
            std::find(hosts.begin(), hosts.end(), parsed->host) != hosts.end();
      }
      if (auto ec = check_fetch_url(*parsed, ro.fetch)) {
        throw config::config_error(remote.where, "jwks.remote", ec.message() + ": " + url);
      }
      used.insert(url);
      if (auto it = remotes.find(url); it != remotes.end()) {
        return it->second;
      }
      ro.fetch.connect_timeout = cfg ? cfg->timeouts.connect : std::chrono::seconds{5};
      if (remote.cache_duration) {
        ro.cache.default_ttl =
            std::chrono::duration_cast<std::chrono::seconds>(*remote.cache_duration);
      }
      auto source = std::make_shared<remote_key_source>(
          control, *parsed, ro, clock, [this](bool ok) { metrics->jwks_fetch(ok); });
      source->start();
      remotes.emplace(url, source);
      return source;
    };
  }

  // A hot reload never switches authentication off or drops every authorization rule: a policy
  // file caught half-written would do exactly that. Such a change takes a restart.
  static void refuse_weakening(const snapshot& running, const config::policy_set& next) {
    if (running.authentication && !next.jwt) {
      throw std::runtime_error(
          "the new policy has no jwtAuthentication, so every request would pass unauthenticated; "
          "restart mcpgate to apply a policy without it");
    }
    if (!running.rules.empty() && next.authorizations.empty()) {
      throw std::runtime_error(
          "the new policy has no authorization rules, so every call would be allowed; restart "
          "mcpgate to apply a policy without them");
    }
  }

  std::shared_ptr<const snapshot> build(std::shared_ptr<const config::gateway_config> next) {
    std::set<std::string> used;
    auto snap = build_snapshot(std::move(next), generation + 1, key_sources(used));
    ++generation;
    for (auto it = remotes.begin(); it != remotes.end();) {
      if (used.count(it->first) == 0) {
        it->second->stop();
        it = remotes.erase(it);
      } else {
        ++it;
      }
    }
    return snap;
  }

  void reload(std::string_view why) {
    try {
      auto next = std::make_shared<const config::gateway_config>(opt.load());
      const auto old = cfg;
      refuse_weakening(*holder.load(), next->policy);
      cfg = next;  // build() reads the JWKS settings from it
      try {
        holder.store(build(next));
      } catch (...) {
        cfg = old;  // the next reload compares against what runs, not what was refused
        throw;
      }
      if (old &&
          (old->workers != next->workers || old->listeners.size() != next->listeners.size())) {
        spdlog::warn("listener and worker changes take effect at the next restart");
      }
      watch = std::make_unique<file_watch>(
          std::vector<std::string>(next->watched_files.begin(), next->watched_files.end()));
      metrics->reload(true);
      spdlog::info("configuration reloaded ({}), generation {}: {} rule(s), {} provider(s)", why,
                   generation, holder.load()->rules.rules().size(),
                   holder.load()->providers.size());
    } catch (const std::exception& e) {
      metrics->reload(false);
      spdlog::error("configuration reload ({}) failed, keeping the previous one: {}", why,
                    e.what());
    }
  }

  net::awaitable<void> watch_loop() {
    net::steady_timer timer{control};
    for (;;) {
      timer.expires_after(opt.watch_interval);
      auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
      if (ec) {
        co_return;
      }
      if (watch && watch->changed()) {
        reload("file change");
      }
    }
  }

  net::awaitable<void> sighup_loop() {
    for (;;) {
      auto [ec, sig] = co_await hup->async_wait(net::as_tuple(net::use_awaitable));
      if (ec) {
        co_return;
      }
      reload("SIGHUP");
    }
  }

  bool ready(std::vector<std::string>* reasons) const {
    const auto snap = holder.load();
    if (!snap) {
      return false;
    }
    bool ok = true;
    for (const auto& p : snap->providers) {
      if (!p.keys->ready()) {
        ok = false;
        if (reasons) {
          reasons->push_back("no keys yet for issuer " + p.issuer + " (" + p.keys->describe() +
                             ")");
        }
      }
    }
    return ok;
  }

  http::task<void> admin(http::exchange& ex) {
    const std::string_view target{ex.req().target().data(), ex.req().target().size()};
    const std::string_view path = target.substr(0, target.find('?'));
    if (path == "/healthz") {
      co_await ex.respond(json_response(http::status::ok, R"({"status":"ok"})"));
    } else if (path == "/readyz") {
      std::vector<std::string> reasons;
      const bool ok = ready(&reasons);
      boost::json::object body{{"ready", ok}};
      boost::json::array r;
      for (auto& s : reasons) {
        r.emplace_back(s);
      }
      body["reasons"] = std::move(r);
      co_await ex.respond(json_response(ok ? http::status::ok : http::status::service_unavailable,
                                        boost::json::serialize(body)));
    } else if (path == "/metrics") {
      http::response res{http::status::ok, 11};
      res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res.body() = metrics->render();
      res.prepare_payload();
      co_await ex.respond(std::move(res));
    } else if (path == "/config") {
      co_await ex.respond(json_response(http::status::ok, effective_config_json(*holder.load())));
    } else {
      co_await ex.respond(json_response(http::status::not_found, R"({"error":"not_found"})"));
    }
  }
};

service::service(service_options options) : impl_{std::make_unique<impl>(std::move(options))} {}

service::~service() {
  if (impl_->control_thread.joinable()) {
    impl_->control.stop();
    impl_->control_thread.join();
  }
}

void service::stop() {
  if (impl_->main_server) {
    impl_->main_server->stop();
  }
  if (impl_->admin_server) {
    impl_->admin_server->stop();
  }
}

void service::run() {
  auto& s = *impl_;
  s.cfg = std::make_shared<const config::gateway_config>(s.opt.load());
  const auto& cfg = *s.cfg;
  const std::size_t workers =
      cfg.workers ? cfg.workers : std::max(1u, std::thread::hardware_concurrency());
  s.metrics = std::make_unique<gateway_metrics>(workers);
  if (cfg.identity.enabled) {
    s.identity = std::make_unique<identity_signer>(
        identity_key(cfg.identity),
        std::chrono::duration_cast<std::chrono::seconds>(cfg.identity.ttl), s.clock);
  }
  s.holder.store(s.build(s.cfg));
  s.watch = std::make_unique<file_watch>(
      std::vector<std::string>(cfg.watched_files.begin(), cfg.watched_files.end()));

  std::shared_ptr<spdlog::logger> access;
  if (cfg.logging.access_log) {
    access = std::make_shared<spdlog::logger>("access",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
    access->set_pattern("%v");
    access->flush_on(spdlog::level::info);
  }
  s.workers.resize(workers);
  s.pipe = std::make_unique<pipeline>(s.holder, s.workers, *s.metrics, s.identity.get(), s.clock,
                                      access);

  http::server_options so;
  so.workers = workers;
  so.limits.max_header_bytes = cfg.limits.max_header_bytes;
  so.limits.max_body_bytes = cfg.limits.max_body_bytes;
  so.limits.header_timeout = cfg.timeouts.header_read;
  so.limits.idle_timeout = cfg.timeouts.idle;
  so.limits.max_connections = cfg.limits.max_connections;
  so.on_worker_start = [&s](std::size_t index, net::any_io_executor ex) {
    http::client_options co;
    // Keep as many upstream connections as clients may have requests in flight: with the
    // client's default (16) a worker serving more concurrent clients than that closed and
    // reopened upstream connections under load, which cost more than the proxying itself.
    co.max_idle_per_origin = upstream_idle_per_origin;
    s.workers[index] = std::make_unique<worker_state>(std::move(ex), s.clock, std::move(co));
  };
  s.hup.emplace(s.control, SIGHUP);
  s.main_server = std::make_unique<http::server>(std::move(so));
  std::uint16_t port = 0;
  for (const auto& l : cfg.listeners) {
    auto bound = s.main_server->listen(l.address, l.port,
                                       [&s](http::exchange& ex) { return s.pipe->handle(ex); });
    if (!bound) {
      throw std::runtime_error("cannot listen on " + l.address + ":" + std::to_string(l.port) +
                               ": " + bound.error().message());
    }
    port = port ? port : bound->port();
    spdlog::info("mcpgate listening on http://{}:{}", l.address, bound->port());
  }
  std::uint16_t admin_port = 0;
  if (cfg.admin.enabled) {
    http::server_options ao;
    ao.workers = 1;
    s.admin_server = std::make_unique<http::server>(std::move(ao));
    auto bound = s.admin_server->listen(cfg.admin.address, cfg.admin.port,
                                        [&s](http::exchange& ex) { return s.admin(ex); });
    if (!bound) {
      throw std::runtime_error("cannot listen on " + cfg.admin.address + ":" +
                               std::to_string(cfg.admin.port) +
                               " (admin): " + bound.error().message());
    }
    admin_port = bound->port();
    spdlog::info("mcpgate admin on http://{}:{} (/healthz /readyz /metrics /config)",
                 cfg.admin.address, admin_port);
  }

  s.control_guard.emplace(s.control.get_executor());
  net::co_spawn(s.control, s.watch_loop(), net::detached);
  net::co_spawn(s.control, s.sighup_loop(), net::detached);
  s.control_thread = std::thread{[&s] { s.control.run(); }};
  if (s.opt.on_listening) {
    s.opt.on_listening(port, admin_port);
  }
  std::vector<http::server*> servers{s.main_server.get()};
  if (s.admin_server) {
    servers.push_back(s.admin_server.get());
  }
  servers.insert(servers.end(), s.opt.companions.begin(), s.opt.companions.end());
  http::run_until_signal(servers);
  spdlog::info("mcpgate stopped");
  for (auto& [url, source] : s.remotes) {
    source->stop();
  }
  s.control_guard.reset();
  s.control.stop();
  s.control_thread.join();
}

}  // namespace mcpgate::gateway
