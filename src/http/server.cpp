// Workers, listeners, start/stop and drain.

#include "http/server.hpp"

#include "http/error.hpp"
#include "http/server_detail.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/socket.h>
#include <csignal>

namespace mcpgate::http {

namespace detail {

namespace {

using boost::asio::as_tuple;
using boost::asio::use_awaitable;
using tcp = boost::asio::ip::tcp;
using reuse_port = boost::asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// After an accept error such as EMFILE, wait before retrying instead of spinning on it.
constexpr std::chrono::milliseconds accept_backoff{50};

task<void> accept_loop(worker& w, tcp::acceptor& acceptor, std::shared_ptr<const handler> h) {
  auto& srv = w.server;
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(as_tuple(use_awaitable));
    if (ec) {
      if (ec == boost::asio::error::operation_aborted || !acceptor.is_open() || w.draining) {
        co_return;
      }
      boost::asio::steady_timer backoff(w.ioc, accept_backoff);
      co_await backoff.async_wait(as_tuple(use_awaitable));
      continue;
    }
    srv.accepted.fetch_add(1);
    if (srv.open.fetch_add(1) >= srv.options.limits.max_connections) {
      srv.open.fetch_sub(1);
      boost::asio::co_spawn(w.ioc, reject_connection(std::move(socket)), boost::asio::detached);
      continue;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // responses are written whole
    boost::asio::co_spawn(w.ioc, serve_connection(w, std::move(socket), h), boost::asio::detached);
  }
}

void begin_drain(worker& w) {
  w.draining = true;
  error_code ignored;
  for (auto& a : w.acceptors) {
    a.close(ignored);
  }
  for (connection* c : w.connections) {
    if (c->idle) {
      c->drain_cancelled = true;
      c->stream.socket().cancel(ignored);
    }
  }
  w.guard.reset();
  if (w.connections.empty()) {
    w.ioc.stop();
    return;
  }
  w.drain_timer.emplace(w.ioc, w.server.options.drain_timeout);
  w.drain_timer->async_wait([&w](error_code ec) {
    if (!ec) {
      // Deadline: whatever is still running is cut; frames die with the io_context.
      w.ioc.stop();
    }
  });
}

}  // namespace

worker::worker(server_impl& s, std::size_t i) : server(s), index(i) {}

void on_worker_idle(worker& w) {
  if (w.draining && w.connections.empty()) {
    w.ioc.stop();
  }
}

}  // namespace detail

server::server(server_options options) : impl_(std::make_unique<detail::server_impl>()) {
  if (options.workers == 0) {
    options.workers = std::max(1u, std::thread::hardware_concurrency());
  }
  impl_->options = std::move(options);
  for (std::size_t i = 0; i < impl_->options.workers; ++i) {
    impl_->workers.push_back(std::make_unique<detail::worker>(*impl_, i));
  }
}

server::~server() {
  stop();
  wait();
}

result<net::ip::tcp::endpoint> server::listen(std::string_view address, std::uint16_t port,
                                              handler on_request) {
  using tcp = net::ip::tcp;
  if (impl_->started) {
    return make_error_code(errc::invalid_state);
  }
  error_code ec;
  auto addr = net::ip::make_address(address, ec);
  if (ec) {
    return ec;
  }
  tcp::endpoint endpoint{addr, port};
  if (port != 0) {
    // SO_REUSEPORT would let us share the port with another process of the same user that
    // already listens on it, silently splitting its traffic: probe with a plain bind first so
    // "address in use" is reported as it should be.
    tcp::acceptor probe(impl_->workers.front()->ioc);
    probe.open(endpoint.protocol(), ec);
    if (!ec) {
      probe.set_option(tcp::acceptor::reuse_address(true), ec);
    }
    if (!ec) {
      probe.bind(endpoint, ec);
    }
    if (ec) {
      return ec;
    }
  }
  std::vector<tcp::acceptor> made;
  for (auto& w : impl_->workers) {
    tcp::acceptor a(w->ioc);
    a.open(endpoint.protocol(), ec);
    if (!ec) {
      a.set_option(tcp::acceptor::reuse_address(true), ec);
    }
    if (!ec) {
      // Every worker binds the same address: the kernel spreads connections over them.
      a.set_option(detail::reuse_port(true), ec);
    }
    if (!ec) {
      a.bind(endpoint, ec);
    }
    if (!ec) {
      a.listen(net::socket_base::max_listen_connections, ec);
    }
    if (ec) {
      return ec;
    }
    if (made.empty()) {
      endpoint = a.local_endpoint(ec);  // with port 0 the first bind picked the port
      if (ec) {
        return ec;
      }
    }
    made.push_back(std::move(a));
  }
  for (std::size_t i = 0; i < made.size(); ++i) {
    impl_->workers[i]->acceptors.push_back(std::move(made[i]));
  }
  impl_->listeners.push_back({endpoint, std::make_shared<const handler>(std::move(on_request))});
  return endpoint;
}

void server::start() {
  if (impl_->started || impl_->stopping.load()) {
    return;
  }
  impl_->started = true;
  for (auto& wp : impl_->workers) {
    detail::worker& w = *wp;
    w.guard.emplace(w.ioc.get_executor());
    for (std::size_t j = 0; j < w.acceptors.size(); ++j) {
      net::co_spawn(w.ioc, detail::accept_loop(w, w.acceptors[j], impl_->listeners[j].on_request),
                    net::detached);
    }
    impl_->threads.emplace_back([this, &w] {
      if (impl_->options.on_worker_start) {
        impl_->options.on_worker_start(w.index, w.ioc.get_executor());
      }
      for (;;) {
        try {
          w.ioc.run();
          break;
        } catch (...) {
          // A detached coroutine's exception surfaces here; keep serving the others.
        }
      }
    });
  }
}

void server::wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) {
      t.join();
    }
  }
}

void server::run() {
  start();
  wait();
}

void server::stop() {
  if (impl_->stopping.exchange(true)) {
    return;
  }
  for (auto& wp : impl_->workers) {
    detail::worker& w = *wp;
    net::post(w.ioc, [&w] { detail::begin_drain(w); });
  }
}

std::vector<net::ip::tcp::endpoint> server::endpoints() const {
  std::vector<net::ip::tcp::endpoint> out;
  for (const auto& l : impl_->listeners) {
    out.push_back(l.endpoint);
  }
  return out;
}

std::size_t server::workers() const noexcept {
  return impl_->workers.size();
}

net::any_io_executor server::worker_executor(std::size_t index) const {
  return impl_->workers.at(index)->ioc.get_executor();
}

std::size_t server::open_connections() const noexcept {
  return impl_->open.load();
}

std::uint64_t server::accepted_connections() const noexcept {
  return impl_->accepted.load();
}

void run_until_signal(std::vector<server*> servers) {
  net::io_context signals_ioc{1};
  net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([&servers](error_code ec, int) {
    if (!ec) {
      for (server* s : servers) {
        s->stop();
      }
    }
  });
  for (server* s : servers) {
    s->start();
  }
  // When every server stops by itself, stop waiting for a signal.
  std::thread waiter([&] {
    for (server* s : servers) {
      s->wait();
    }
    net::post(signals_ioc, [&signals] { signals.cancel(); });
  });
  signals_ioc.run();
  waiter.join();
}

}  // namespace mcpgate::http
