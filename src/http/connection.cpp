// The per-connection coroutine: read a request within the limits, run the handler, repeat while
// the connection is kept alive. Malformed or over-limit input is answered with a 4xx carrying
// Connection: close, and only that connection is closed.

#include "http/error.hpp"
#include "http/request_head.hpp"
#include "http/request_rules.hpp"
#include "http/server_detail.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace mcpgate::http::detail {

namespace {

namespace bhttp = boost::beast::http;
using boost::asio::as_tuple;
using boost::asio::use_awaitable;
using tcp = boost::asio::ip::tcp;

// Bytes asked for per read while looking for the end of a header.
constexpr std::size_t header_read_chunk = 4096;
// Most bytes asked for per read of a body that is still on its way.
constexpr std::size_t body_read_chunk = 64 * 1024;
// After answering and before closing, the client may still be sending (a body we refused, a
// pipelined request): reading and discarding for a while keeps the kernel from answering those
// bytes with a reset that would destroy our answer in the client's receive buffer.
constexpr std::chrono::milliseconds linger_timeout{1000};
constexpr std::size_t linger_max_bytes = 256 * 1024;
// Writing a canned error answer.
constexpr std::chrono::milliseconds error_write_timeout{2000};

constexpr std::string_view service_unavailable =
    "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n"
    "Retry-After: 1\r\n\r\n";

enum class header_outcome { complete, closed, too_large, uri_too_long, malformed };

// What read_header_bytes found: for a complete header, its size (up to the empty line's end).
struct header_read {
  header_outcome outcome;
  std::size_t size = 0;
};

std::string_view view(const beast::flat_buffer& b) {
  auto d = b.data();
  return {static_cast<const char*>(d.data()), d.size()};
}

// Over the header limit: a request line that alone is too long gets 414, the rest 431.
header_outcome over_limit(std::string_view data, const server_limits& limits) {
  std::size_t line = std::min(data.find("\r\n"), data.size());
  return line >= limits.max_header_bytes ? header_outcome::uri_too_long : header_outcome::too_large;
}

// Reads until the buffer holds a complete header: the idle timeout while no byte of the
// request has arrived, then the header timeout from the first read that finds the header
// incomplete (a header that arrives whole, the usual case, costs no second timer).
task<header_read> read_header_bytes(connection& c, const server_limits& limits) {
  bool started = c.buffer.size() > 0;
  bool header_deadline = false;
  std::size_t scanned = 0;
  for (;;) {
    std::string_view data = view(c.buffer);
    std::size_t from = scanned > 3 ? scanned - 3 : 0;
    if (auto end = data.find("\r\n\r\n", from); end != std::string_view::npos) {
      if (end + 4 > limits.max_header_bytes) {
        co_return header_read{over_limit(data, limits)};
      }
      if (has_obs_fold(data.substr(0, end + 2))) {
        co_return header_read{header_outcome::malformed};
      }
      co_return header_read{header_outcome::complete, end + 4};
    }
    if (has_bare_lf(data, scanned)) {
      co_return header_read{
          header_outcome::malformed};  // "\n\n" would otherwise wait for the timeout
    }
    scanned = data.size();
    if (data.size() > limits.max_header_bytes) {
      co_return header_read{over_limit(data, limits)};
    }
    if (c.drain_cancelled) {
      co_return header_read{header_outcome::closed};
    }
    if (!started) {
      c.stream.expires_after(limits.idle_timeout);
    } else if (!header_deadline) {
      c.stream.expires_after(limits.header_timeout);
      header_deadline = true;
    }
    auto [ec, n] = co_await c.stream.async_read_some(c.buffer.prepare(header_read_chunk),
                                                     as_tuple(use_awaitable));
    c.buffer.commit(n);
    if (ec) {
      co_return header_read{header_outcome::closed};  // end of stream, a timeout, or drained
    }
    started = started || n > 0;
  }
}

// Half-closes, discards what the client still sends for a while, then closes.
task<void> linger_close(beast::tcp_stream& stream) {
  error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(linger_timeout);
  std::array<char, 4096> sink;
  std::size_t total = 0;
  while (total < linger_max_bytes) {
    auto [rec, n] =
        co_await stream.async_read_some(boost::asio::buffer(sink), as_tuple(use_awaitable));
    if (rec) {
      break;
    }
    total += n;
  }
  stream.close();
}

task<void> answer_error(connection& c, status code) {
  response res{code, 11};
  res.set(field::content_type, "text/plain; charset=utf-8");
  res.body() = std::string(bhttp::obsolete_reason(code)) + "\n";
  res.keep_alive(false);
  res.prepare_payload();
  co_await write_response(c, res, error_write_timeout);
}

// Which answer a parse error deserves; nullopt: close without answering.
std::optional<status> status_for(const error_code& ec) {
  if (ec == bhttp::error::header_limit) {
    return status::request_header_fields_too_large;
  }
  if (ec == bhttp::error::body_limit) {
    return status::payload_too_large;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
      ec != bhttp::error::need_more) {
    return status::bad_request;
  }
  return std::nullopt;  // end of stream, timeout, reset: nobody to answer
}

// A client that sends "Expect: 100-continue" waits for this before it sends the body.
task<bool> continue_if_expected(connection& c, const request& head, const server_limits& limits) {
  if (head.version() < 11 || !beast::iequals(head[field::expect], "100-continue")) {
    co_return true;
  }
  static constexpr std::string_view continue_100 = "HTTP/1.1 100 Continue\r\n\r\n";
  c.stream.expires_after(limits.write_timeout);
  auto [ec, n] = co_await boost::asio::async_write(c.stream, boost::asio::buffer(continue_100),
                                                   as_tuple(use_awaitable));
  co_return !ec;
}

// The body of a request read by parse_simple_request: `length` bytes after the header, some or
// all of them in the buffer already. False when the connection failed or timed out first.
task<bool> read_body(connection& c, request& req, std::uint64_t length,
                     const server_limits& limits) {
  const auto size = static_cast<std::size_t>(length);
  auto& body = req.body();
  const std::size_t have = std::min(size, c.buffer.size());
  if (have == size) {
    body.assign(static_cast<const char*>(c.buffer.data().data()), have);
    c.buffer.consume(have);
    co_return true;
  }
  // Reserved, as Beast's string body does: address space that becomes memory as the bytes
  // arrive. The string grows by what each read may bring, never by the length the client claims,
  // so a header claiming the body limit and then silence holds a read's worth, not the limit.
  body.reserve(size);
  body.assign(static_cast<const char*>(c.buffer.data().data()), have);
  c.buffer.consume(have);
  if (!co_await continue_if_expected(c, req, limits)) {
    co_return false;
  }
  c.stream.expires_after(limits.body_timeout);
  while (body.size() < size) {
    const std::size_t at = body.size();
    body.resize(at + std::min(size - at, body_read_chunk));
    auto [ec, n] = co_await c.stream.async_read_some(
        boost::asio::buffer(body.data() + at, body.size() - at), as_tuple(use_awaitable));
    body.resize(at + n);
    if (ec) {
      co_return false;
    }
  }
  co_return true;
}

enum class parsed { ok, answered, closed };  // answered: with an error, the connection lingers

// Any other request, through Beast's parser. The header is in the buffer, and so usually is the
// body: both are parsed in place, and only a body still on its way is read through Beast's
// composed read. The header first, on its own, so its fields can be counted: Beast adds a
// chunked body's trailer fields to them.
task<parsed> read_with_parser(connection& c, request& out, const server_limits& limits) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  error_code hec;
  c.buffer.consume(parser.put(c.buffer.data(), hec));
  if (hec == bhttp::error::need_more) {
    hec = {};
  }
  if (hec || !parser.is_header_done()) {
    co_await answer_error(c, status_for(hec).value_or(status::bad_request));
    co_return parsed::answered;
  }
  c.idle = false;
  const auto& head = parser.get();
  if (!framing_ok(head, parser.chunked()) || !host_ok(head)) {
    co_await answer_error(c, status::bad_request);
    co_return parsed::answered;
  }
  const auto header_fields = std::distance(head.begin(), head.end());
  parser.eager(true);
  if (!parser.is_done() && c.buffer.size() > 0) {
    c.buffer.consume(parser.put(c.buffer.data(), hec));
    if (hec && hec != bhttp::error::need_more) {
      co_await answer_error(c, status_for(hec).value_or(status::bad_request));
      co_return parsed::answered;
    }
  }
  if (!parser.is_done()) {
    if (!co_await continue_if_expected(c, head, limits)) {
      co_return parsed::closed;
    }
    c.stream.expires_after(limits.body_timeout);
    auto [bec, bn] =
        co_await bhttp::async_read(c.stream, c.buffer, parser, as_tuple(use_awaitable));
    if (bec) {
      if (auto s = status_for(bec)) {
        co_await answer_error(c, *s);
        co_return parsed::answered;
      }
      co_return parsed::closed;
    }
  }
  // Trailer fields would land among the header's after its checks (framing, Host, the
  // gateway's own field rules) and go upstream as header fields: refused, as RFC 9110 §6.5.1
  // lets a recipient do with fields it does not know how to handle.
  if (std::distance(head.begin(), head.end()) != header_fields) {
    co_await answer_error(c, status::bad_request);
    co_return parsed::answered;
  }
  out = parser.release();
  co_return parsed::ok;
}

// Stops a client-gone watcher and waits until it has let go of the buffer.
task<void> stop_watching(connection& c) {
  if (!c.watching) {
    co_return;
  }
  c.stop_watch = true;
  error_code ec;
  c.stream.socket().cancel(ec);
  while (c.watching) {
    co_await c.watch_done.async_wait(as_tuple(use_awaitable));
  }
}

struct registration {
  registration(worker& w, connection& c) : w_(w), c_(c) { w_.connections.insert(&c_); }
  ~registration() {
    w_.connections.erase(&c_);
    w_.server.open.fetch_sub(1);
    on_worker_idle(w_);
  }
  registration(const registration&) = delete;
  registration& operator=(const registration&) = delete;

 private:
  worker& w_;
  connection& c_;
};

// The request loop. Returns whether the connection should linger before closing (we answered
// and the client may still be sending) or just close.
task<bool> serve_requests(connection& c, const handler& on_request) {
  const server_limits& limits = c.owner.server.options.limits;
  for (;;) {
    c.idle = true;
    if (c.owner.draining) {
      co_return false;
    }
    const auto header = co_await read_header_bytes(c, limits);
    switch (header.outcome) {
      case header_outcome::complete:
        break;
      case header_outcome::closed:
        co_return false;
      case header_outcome::too_large:
        co_await answer_error(c, status::request_header_fields_too_large);
        co_return true;
      case header_outcome::uri_too_long:
        co_await answer_error(c, status::uri_too_long);
        co_return true;
      case header_outcome::malformed:
        co_await answer_error(c, status::bad_request);
        co_return true;
    }

    request req;
    const std::string_view head = view(c.buffer).substr(0, header.size);
    if (auto length = parse_simple_request(head, limits.max_body_bytes, req)) {
      c.buffer.consume(header.size);
      c.idle = false;
      if (!framing_ok(req, false) || !host_ok(req)) {
        co_await answer_error(c, status::bad_request);
        co_return true;
      }
      if (!co_await read_body(c, req, *length, limits)) {
        co_return false;
      }
    } else {
      switch (co_await read_with_parser(c, req, limits)) {
        case parsed::ok:
          break;
        case parsed::answered:
          co_return true;
        case parsed::closed:
          co_return false;
      }
    }
    c.stream.expires_never();

    exchange_state st{c, std::move(req)};
    st.keep_alive = st.req.keep_alive() && !c.owner.draining;
    exchange ex{st};
    bool threw = false;
    try {
      co_await on_request(ex);
    } catch (...) {
      // Handlers return errors as values; an exception is a bug, contained to this exchange.
      threw = true;
    }
    c.on_gone = nullptr;
    co_await stop_watching(c);
    if (st.state == exchange_state::phase::fresh && !st.broken && !c.gone) {
      response res{status::internal_server_error, st.req.version()};
      res.set(field::content_type, "text/plain; charset=utf-8");
      res.body() = threw ? "handler failed\n" : "no response\n";
      co_await ex.respond(std::move(res));
    }
    if (st.state == exchange_state::phase::streaming) {
      st.broken = true;  // the body was left unfinished: the client must see it cut
    }
    if (st.broken || c.gone) {
      co_return false;
    }
    if (!st.keep_alive) {
      co_return true;
    }
  }
}

}  // namespace

connection::connection(worker& w, tcp::socket socket, tcp::endpoint remote)
    : owner(w),
      stream(std::move(socket)),
      peer(remote),
      gone_signal(stream.get_executor()),
      watch_done(stream.get_executor()) {
  // Both are events, not timeouts: they fire only when cancelled.
  gone_signal.expires_at(boost::asio::steady_timer::time_point::max());
  watch_done.expires_at(boost::asio::steady_timer::time_point::max());
  // What waits here unparsed: a header (bounded by its own limit), or a chunk-size line or
  // trailer block the parser needs whole, which nothing else bounds (the body limit counts chunk
  // data only, and parsed body bytes leave the buffer): past this, a read fails and the client
  // gets 400.
  buffer.max_size(w.server.options.limits.max_header_bytes + header_read_chunk + 64 * 1024);
}

task<void> serve_connection(worker& w, tcp::socket socket,
                            std::shared_ptr<const handler> on_request) {
  error_code ec;
  auto peer = socket.remote_endpoint(ec);
  connection c{w, std::move(socket), peer};
  registration reg{w, c};
  bool linger = false;
  try {
    linger = co_await serve_requests(c, *on_request);
  } catch (...) {
    // Nothing above throws on purpose (errors are values); never let a connection take down
    // the worker.
  }
  if (linger && !c.drain_cancelled) {
    c.idle = true;  // drain may cut the lingering
    co_await linger_close(c.stream);
  } else {
    c.stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    c.stream.close();
  }
}

task<void> reject_connection(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(error_write_timeout);
  auto [ec, n] = co_await boost::asio::async_write(stream, boost::asio::buffer(service_unavailable),
                                                   as_tuple(use_awaitable));
  if (!ec) {
    co_await linger_close(stream);
  }
}

}  // namespace mcpgate::http::detail
