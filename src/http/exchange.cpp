// exchange: how a handler answers, on the connection's worker thread.

#include "http/error.hpp"
#include "http/server_detail.hpp"
#include "http/wire.hpp"
#include "http/write_now.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <utility>

namespace mcpgate::http {

namespace {

using boost::asio::as_tuple;
using boost::asio::use_awaitable;

// The watcher keeps at most this much of a pipelined next request while it watches; beyond
// that it stops reading (the bytes wait in the kernel) and can no longer tell a close.
constexpr std::size_t watch_buffer_limit = 64 * 1024;
// Small: a watched connection is usually a long-lived stream whose client sends nothing more, and
// ten thousand of them should not each hold a header-sized buffer.
constexpr std::size_t watch_read_chunk = 512;

// Reads the socket directly (not through the tcp_stream, whose timeouts belong to the
// exchange's writes) until the client closes or the exchange ends.
task<void> watch(detail::connection& c) {
  while (!c.stop_watch && c.buffer.size() < watch_buffer_limit) {
    auto [ec, n] = co_await c.stream.socket().async_read_some(c.buffer.prepare(watch_read_chunk),
                                                              as_tuple(use_awaitable));
    c.buffer.commit(n);
    if (ec) {
      if (!c.stop_watch) {
        c.gone = true;  // end of stream, reset, or the socket closed by a write timeout
      }
      break;
    }
  }
  c.watching = false;
  if (c.gone) {
    c.gone_signal.cancel();
    if (auto fn = std::exchange(c.on_gone, nullptr)) {
      fn();
    }
  }
  c.watch_done.cancel();
}

void start_watching(detail::connection& c);

// Statuses whose responses never have a body (RFC 9110 §6.4.1); so does any answer to HEAD.
bool bodiless(unsigned status) {
  return status / 100 == 1 || status == 204 || status == 304;
}

bool draining_or_gone(const detail::exchange_state& st) {
  return st.conn.owner.draining || st.conn.gone;
}

// Writes all of `buffers` to the client within `timeout` (awaited at once: the buffers outlive
// the write). What the send buffer takes goes out at once; the timer is armed only for a rest.
template <class ConstBuffers>
task<error_code> write_within(detail::connection& c, const ConstBuffers& buffers,
                              std::chrono::milliseconds timeout) {
  error_code ec;
  const std::size_t sent = detail::write_now(c.stream.socket(), buffers, ec);
  if (ec) {
    co_return ec;
  }
  if (sent == boost::asio::buffer_size(buffers)) {
    co_await detail::let_reactor_poll(c.stream.get_executor());
    co_return ec;
  }
  c.stream.expires_after(timeout);
  ec = co_await detail::write_rest(c.stream, buffers, sent);
  c.stream.expires_never();
  co_return ec;
}

// A piece of a streamed response; an error breaks the exchange.
template <class ConstBuffers>
task<error_code> write_piece(detail::exchange_state& st, const ConstBuffers& buffers) {
  auto ec =
      co_await write_within(st.conn, buffers, st.conn.owner.server.options.limits.write_timeout);
  if (ec) {
    st.broken = true;
  }
  co_return ec;
}

}  // namespace

task<error_code> detail::write_response(connection& c, const response& res,
                                        std::chrono::milliseconds timeout) {
  c.head.clear();
  append_header(c.head, res);
  const std::array<boost::asio::const_buffer, 2> message{boost::asio::buffer(c.head),
                                                         boost::asio::buffer(res.body())};
  co_return co_await write_within(c, message, timeout);
}

request& exchange::req() noexcept {
  return state_->req;
}
const request& exchange::req() const noexcept {
  return state_->req;
}
const std::string& exchange::peer_address() const {
  auto& c = state_->conn;
  if (c.peer_address.empty()) {
    c.peer_address = c.peer.address().to_string();
  }
  return c.peer_address;
}
std::size_t exchange::worker() const noexcept {
  return state_->conn.owner.index;
}
net::any_io_executor exchange::executor() const noexcept {
  return state_->conn.stream.get_executor();
}

task<error_code> exchange::respond(response res) {
  auto& st = *state_;
  if (st.state != detail::exchange_state::phase::fresh) {
    co_return make_error_code(errc::invalid_state);
  }
  st.state = detail::exchange_state::phase::done;
  st.keep_alive = st.keep_alive && !draining_or_gone(st);
  res.version(st.req.version());
  res.keep_alive(st.keep_alive);
  if (bodiless(res.result_int())) {
    // No Content-Length either: a 1xx or 204 must not carry one (RFC 9110 §8.6), and a 304's
    // would have to describe a body that is not known here.
    res.body().clear();
    res.chunked(false);
    res.erase(field::content_length);
  } else {
    res.prepare_payload();
    if (st.req.method() == verb::head) {
      res.body().clear();  // Content-Length stays as the GET would have had it
    }
  }
  auto& c = st.conn;
  auto ec = co_await detail::write_response(c, res, c.owner.server.options.limits.write_timeout);
  if (ec) {
    st.broken = true;
  }
  co_return ec;
}

task<error_code> exchange::begin_stream(stream_header header) {
  auto& st = *state_;
  if (st.state != detail::exchange_state::phase::fresh) {
    co_return make_error_code(errc::invalid_state);
  }
  st.state = detail::exchange_state::phase::streaming;
  header.version(st.req.version());
  header.erase(field::content_length);
  // A response that has no body ends with its header: no chunks, nothing of the body written.
  st.bodiless = bodiless(header.result_int()) || st.req.method() == verb::head;
  st.chunked = !st.bodiless && st.req.version() >= 11;
  // An HTTP/1.0 client knows no chunks: the end of the body is the end of the connection.
  st.keep_alive = st.keep_alive && (st.chunked || st.bodiless) && !draining_or_gone(st);
  header.chunked(st.chunked);
  header.keep_alive(st.keep_alive);
  auto& c = st.conn;
  // A stream may stay open for hours: its header buffer goes with this write.
  std::string head = std::exchange(c.head, {});
  head.clear();
  append_header(head, header);
  co_return co_await write_piece(st, boost::asio::buffer(head));
}

task<error_code> exchange::write(std::string_view piece) {
  auto& st = *state_;
  if (st.state != detail::exchange_state::phase::streaming) {
    co_return make_error_code(errc::invalid_state);
  }
  if (st.broken) {
    co_return make_error_code(errc::client_gone);
  }
  if (piece.empty() || st.bodiless) {
    co_return error_code{};
  }
  if (!st.chunked) {
    co_return co_await write_piece(st, boost::asio::buffer(piece));
  }
  std::string size;  // short enough for the string's inline buffer
  append_chunk_size(size, piece.size());
  const std::array<boost::asio::const_buffer, 3> chunk{
      boost::asio::buffer(size), boost::asio::buffer(piece), boost::asio::buffer(chunk_end)};
  co_return co_await write_piece(st, chunk);
}

task<error_code> exchange::finish() {
  auto& st = *state_;
  if (st.state != detail::exchange_state::phase::streaming) {
    co_return make_error_code(errc::invalid_state);
  }
  st.state = detail::exchange_state::phase::done;
  if (st.broken) {
    co_return make_error_code(errc::client_gone);
  }
  if (st.bodiless) {
    co_return error_code{};
  }
  if (!st.chunked) {
    st.keep_alive = false;
    co_return error_code{};
  }
  co_return co_await write_piece(st, boost::asio::buffer(last_chunk));
}

bool exchange::client_gone() const noexcept {
  return state_->conn.gone;
}

namespace {
void start_watching(detail::connection& c) {
  if (c.watching) {
    return;
  }
  c.watching = true;
  c.stop_watch = false;
  if (c.buffer.size() == 0) {
    c.buffer.shrink_to_fit();  // the request's header buffer is not needed while streaming
  }
  boost::asio::co_spawn(c.stream.get_executor(), watch(c), boost::asio::detached);
}
}  // namespace

task<void> exchange::wait_client_gone() {
  auto& c = state_->conn;
  if (c.gone) {
    co_return;
  }
  start_watching(c);
  co_await c.gone_signal.async_wait(as_tuple(use_awaitable));
}

void exchange::on_client_gone(std::function<void()> fn) {
  auto& c = state_->conn;
  if (!fn) {
    c.on_gone = nullptr;
    return;
  }
  if (c.gone) {
    fn();
    return;
  }
  c.on_gone = std::move(fn);
  start_watching(c);
}

}  // namespace mcpgate::http
