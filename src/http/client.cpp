// The pooled client: connect (plain or TLS), send, read the header, then read the body whole
// (send) or piece by piece (open).

#include "http/client.hpp"

#include "http/client_detail.hpp"
#include "http/error.hpp"
#include "http/wire.hpp"
#include "http/write_now.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace mcpgate::http {

namespace {

namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using boost::asio::as_tuple;
using boost::asio::use_awaitable;
using tcp = boost::asio::ip::tcp;
using detail::plain_stream;
using detail::pooled_connection;
using detail::tls_stream;

constexpr std::string_view default_user_agent = "mcpgate";
// Bytes asked for per read of a streamed body while it flows, and while it is quiet.
constexpr std::size_t stream_read_chunk = 64 * 1024;
constexpr std::size_t idle_read_chunk = 1024;
// Bytes asked for per read of a response header.
constexpr std::size_t min_header_read = 512;
constexpr std::size_t max_header_read = 16 * 1024;
// Interim responses (100 Continue, 103 Early Hints) skipped before the final one.
constexpr int max_interim_responses = 8;

bool idempotent(verb v) {
  switch (v) {
    case verb::get:
    case verb::head:
    case verb::put:
    case verb::delete_:
    case verb::options:
    case verb::trace:
      return true;
    default:
      return false;
  }
}

// The errors that mean "the server closed the connection before answering anything", which on
// a pooled connection is the race with its idle timeout, not a failure of the request.
bool closed_before_response(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == boost::asio::error::eof ||
         ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe ||
         ec == boost::asio::error::connection_aborted ||
         ec == boost::asio::ssl::error::stream_truncated;
}

error_code map_timeout(const error_code& ec, errc as) {
  return ec == beast::error::timeout ? make_error_code(as) : ec;
}

template <class Fn>
auto with_stream(pooled_connection& c, Fn&& fn) {
  if (auto* p = std::get_if<plain_stream>(&c.stream)) {
    return fn(*p);
  }
  return fn(std::get<tls_stream>(c.stream));
}

// Name resolution cannot be timed out by the stream; a timer cancels the resolver instead. The
// resolver lives in shared state so a late timer callback never touches a finished frame.
task<result<tcp::resolver::results_type>> resolve(net::any_io_executor ex, const url& u,
                                                  std::chrono::milliseconds timeout) {
  struct state {
    explicit state(net::any_io_executor e) : resolver(e) {}
    tcp::resolver resolver;
    bool timed_out = false;
  };
  auto st = std::make_shared<state>(ex);
  boost::asio::steady_timer timer(ex, timeout);
  timer.async_wait([weak = std::weak_ptr<state>(st)](error_code ec) {
    if (auto s = weak.lock(); s && !ec) {
      s->timed_out = true;
      s->resolver.cancel();
    }
  });
  auto [ec, results] =
      co_await st->resolver.async_resolve(u.host, std::to_string(u.port), as_tuple(use_awaitable));
  timer.cancel();
  if (st->timed_out) {
    co_return make_error_code(errc::connect_timeout);
  }
  if (ec) {
    co_return ec;
  }
  co_return results;
}

task<result<std::unique_ptr<pooled_connection>>> connect(detail::client_impl& impl, const url& u,
                                                         const request_options& options) {
  auto started = std::chrono::steady_clock::now();
  auto res = co_await resolve(impl.executor, u, options.connect_timeout);
  if (!res) {
    co_return res.error();
  }
  auto left = options.connect_timeout - std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started);
  auto conn = std::make_unique<pooled_connection>(u.origin(), impl.executor);
  auto& tcp_layer = std::get<plain_stream>(conn->stream);
  tcp_layer.expires_after(left);
  auto [ec, ep] = co_await tcp_layer.async_connect(*res, as_tuple(use_awaitable));
  if (ec) {
    co_return map_timeout(ec, errc::connect_timeout);
  }
  tcp_layer.socket().set_option(tcp::no_delay(true), ec);
  if (u.is_https()) {
    tls_stream tls(std::move(tcp_layer), impl.tls);
    error_code addr_ec;
    boost::asio::ip::make_address(u.host, addr_ec);
    // SNI carries names only (RFC 6066 §3), never IP literals.
    if (addr_ec && !SSL_set_tlsext_host_name(tls.native_handle(), u.host.c_str())) {
      co_return make_error_code(errc::tls_setup_failed);
    }
    if (impl.options.tls.verify_hostname) {
      tls.set_verify_callback(ssl::host_name_verification(u.host));
    }
    auto [hec] = co_await tls.async_handshake(ssl::stream_base::client, as_tuple(use_awaitable));
    if (hec) {
      co_return map_timeout(hec, errc::connect_timeout);
    }
    conn->stream.emplace<tls_stream>(std::move(tls));
  }
  conn->lowest().expires_never();
  ++impl.made;
  co_return conn;
}

// Takes a usable idle connection for the origin, dropping stale ones on the way.
std::unique_ptr<pooled_connection> take_idle(detail::client_impl& impl, const std::string& origin) {
  auto it = impl.idle.find(origin);
  if (it == impl.idle.end()) {
    return nullptr;
  }
  auto& list = it->second;
  auto now = std::chrono::steady_clock::now();
  while (!list.empty()) {
    auto conn = std::move(list.back());  // most recently used first: likeliest still open
    list.pop_back();
    if (now - conn->idle_since < impl.options.idle_timeout && !conn->stale()) {
      conn->reused = true;
      return conn;
    }
    conn->close();
  }
  return nullptr;
}

void prepare(request& req, const url& u) {
  req.version(11);
  req.target(u.target);
  req.set(field::host, u.host_header());
  if (req.find(field::user_agent) == req.end()) {
    req.set(field::user_agent, default_user_agent);
  }
  // Content-Length framing, or none for an empty body where the method allows it: the header
  // writer sends the body as it is, never chunked.
  req.prepare_payload();
}

struct attempt_failure {
  error_code ec;
  bool retryable = false;  // nothing of a response arrived on a connection that was closing
};

// A fresh parser for the next response header on `conn`.
void new_parser(pooled_connection& conn, const request& req, const request_options& options) {
  conn.parser.emplace();
  conn.parser->header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  conn.parser->body_limit(boost::none);  // the callers bound the body themselves
  if (req.method() == verb::head) {
    conn.parser->skip(true);
  }
}

// Writes the request and reads the response header on `conn`.
task<result<void, attempt_failure>> exchange_header(pooled_connection& conn, request& req,
                                                    const request_options& options) {
  new_parser(conn, req, options);
  conn.buffer.clear();
  // Not kept on the connection: an upstream connection may carry a stream for hours.
  std::string head;
  append_header(head, req);
  const std::array<boost::asio::const_buffer, 2> message{boost::asio::buffer(head),
                                                         boost::asio::buffer(req.body())};
  // A plain connection sends what its send buffer takes at once (write_now.hpp); TLS and a rest
  // go through the stream, under the response timeout.
  error_code wec;
  std::size_t sent = 0;
  if (auto* plain = std::get_if<plain_stream>(&conn.stream)) {
    sent = detail::write_now(plain->socket(), message, wec);
  }
  conn.lowest().expires_after(options.response_timeout);
  if (!wec && sent < boost::asio::buffer_size(message)) {
    wec = co_await with_stream(
        conn, [&message, sent](auto& s) { return detail::write_rest(s, message, sent); });
  } else if (!wec) {
    co_await detail::let_reactor_poll(conn.lowest().get_executor());
  }
  if (wec) {
    co_return attempt_failure{map_timeout(wec, errc::response_timeout),
                              closed_before_response(wec)};
  }
  // Read and parse in place until a final response header is complete. The parser needs the
  // whole header in one buffer (`need_more`: read on) and checks its limit only against the bytes
  // it has not consumed yet, so the header's consumed bytes are counted here. Interim (1xx)
  // responses are skipped, a bounded number of them; a 101 is refused, since nothing here asks
  // to switch protocols.
  std::size_t received = 0;
  std::size_t header_bytes = 0;
  int interim = 0;
  error_code rec;
  for (;;) {
    auto& parser = *conn.parser;
    if (conn.buffer.size() > 0) {
      const std::size_t used = parser.put(conn.buffer.data(), rec);
      conn.buffer.consume(used);
      header_bytes += used;
      if (rec == bhttp::error::need_more) {
        rec = {};
      } else if (rec) {
        break;
      }
    }
    if (parser.is_header_done()) {
      const unsigned status = parser.get().result_int();
      if (status / 100 != 1) {
        break;
      }
      if (status == 101 || ++interim > max_interim_responses) {
        rec = make_error_code(errc::bad_message);
        break;
      }
      new_parser(conn, req, options);
      header_bytes = 0;
      continue;
    }
    if (header_bytes + conn.buffer.size() > options.max_header_bytes) {
      rec = bhttp::error::header_limit;
      break;
    }
    // Like Beast's reads: the room the buffer already has, at least 512 bytes, so a connection
    // that is about to carry a quiet stream does not first grow a big buffer.
    const std::size_t room = std::clamp<std::size_t>(conn.buffer.capacity() - conn.buffer.size(),
                                                     min_header_read, max_header_read);
    auto [ec, n] = co_await with_stream(conn, [&conn, room](auto& s) {
      return s.async_read_some(conn.buffer.prepare(room), as_tuple(use_awaitable));
    });
    conn.buffer.commit(n);
    received += n;
    if (ec == boost::asio::error::eof || ec == ssl::error::stream_truncated) {
      rec = received == 0 ? bhttp::error::end_of_stream : bhttp::error::partial_message;
      break;
    }
    if (ec) {
      rec = ec;
      break;
    }
  }
  conn.lowest().expires_never();
  if (rec) {
    co_return attempt_failure{map_timeout(rec, errc::response_timeout),
                              received == 0 && closed_before_response(rec)};
  }
  conn.parser->eager(true);
  co_return result<void, attempt_failure>{};
}

// Moves the parsed header out: the parser keeps parsing the body with its own framing state,
// and keep_alive() is asked of the parser, not of the moved fields.
stream_header take_header(bhttp::response_parser<bhttp::buffer_body>& parser) {
  stream_header h;
  static_cast<bhttp::response_header<>&>(h) = std::move(parser.get().base());
  return h;
}

}  // namespace

beast::tcp_stream& detail::pooled_connection::lowest() noexcept {
  if (auto* p = std::get_if<plain_stream>(&stream)) {
    return *p;
  }
  return std::get<tls_stream>(stream).next_layer();
}

bool detail::pooled_connection::stale() const noexcept {
  auto& self = const_cast<pooled_connection&>(*this);
  int fd = self.lowest().socket().native_handle();
  char byte = 0;
  // Readable while idle means the peer closed (0) or sent something unasked (a 408, a TLS
  // close_notify): either way the connection cannot carry another exchange.
  ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

void detail::pooled_connection::close() noexcept {
  error_code ignored;
  lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
  lowest().close();
}

// --- response_stream

response_stream::response_stream(client& owner, std::unique_ptr<detail::pooled_connection> conn,
                                 stream_header header, request_options options)
    : owner_(&owner), conn_(std::move(conn)), header_(std::move(header)), options_(options) {}

response_stream::response_stream(response_stream&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      conn_(std::move(other.conn_)),
      header_(std::move(other.header_)),
      options_(other.options_) {}

response_stream& response_stream::operator=(response_stream&& other) noexcept {
  if (this != &other) {
    close();
    owner_ = std::exchange(other.owner_, nullptr);
    conn_ = std::move(other.conn_);
    header_ = std::move(other.header_);
    options_ = other.options_;
  }
  return *this;
}

response_stream::~response_stream() {
  if (owner_ && conn_) {
    // Bytes after the end of the body were never asked for: such a connection is out of step.
    if (done() && conn_->parser->keep_alive() && conn_->buffer.size() == 0) {
      owner_->release(std::move(conn_));
    } else {
      conn_->close();
    }
  }
}

bool response_stream::done() const noexcept {
  return conn_ && conn_->parser->is_done();
}

void response_stream::close() noexcept {
  if (conn_) {
    conn_->close();
    conn_.reset();
  }
}

void response_stream::cancel() noexcept {
  if (conn_) {
    error_code ignored;
    conn_->lowest().socket().cancel(ignored);
  }
}

task<result<std::size_t>> response_stream::read_some(std::string& out, std::size_t max_bytes) {
  if (!conn_) {
    co_return make_error_code(errc::invalid_state);
  }
  auto& conn = *conn_;
  auto& parser = *conn.parser;
  max_bytes = std::max<std::size_t>(max_bytes, 1);
  const std::size_t old = out.size();
  std::size_t got = 0;
  bool armed = false;  // the body timeout, set only when a read is needed
  error_code ec;
  // Parsing is driven here rather than by http::async_read_some, which keeps reading until the
  // parser stops asking for more: a stream would then wait for the next chunk before handing
  // over the one that already arrived.
  while (!parser.is_done()) {
    if (conn.buffer.size() > 0) {
      // Body bytes come out of the buffered bytes, so room for those is enough: `out` grows by
      // what arrived, not by max_bytes (which cost a 64 KiB zero-fill per call, and kept 64 KiB
      // per open stream while it waited).
      const std::size_t room = std::min(max_bytes, conn.buffer.size());
      out.resize(old + room);
      auto& body = parser.get().body();
      body.data = out.data() + old;
      body.size = room;
      std::size_t used = parser.put(conn.buffer.data(), ec);
      conn.buffer.consume(used);
      got = room - body.size;
      if (ec == bhttp::error::need_more || ec == bhttp::error::need_buffer) {
        ec = {};
      }
      if (ec || got > 0 || parser.is_done()) {
        break;
      }
      if (used > 0) {
        continue;  // framing consumed: parse what remains before reading
      }
    }
    // A stream that has gone quiet waits with a small buffer: big reads only while the previous
    // one came back full. Ten thousand idle SSE streams then hold 1 KiB each here, not 64 KiB.
    const bool flowing = conn.last_read_full;
    if (!flowing && conn.buffer.size() == 0 && conn.buffer.capacity() > idle_read_chunk) {
      conn.buffer.shrink_to_fit();
    }
    const std::size_t chunk = flowing ? stream_read_chunk : idle_read_chunk;
    if (!armed) {
      conn.lowest().expires_after(options_.body_timeout);
      armed = true;
    }
    auto [rec, n] = co_await with_stream(conn, [&conn, chunk](auto& s) {
      return s.async_read_some(conn.buffer.prepare(chunk), as_tuple(use_awaitable));
    });
    conn.buffer.commit(n);
    conn.last_read_full = n == chunk;
    if (rec == boost::asio::error::eof || rec == ssl::error::stream_truncated) {
      parser.put_eof(ec);  // completes a close-delimited body, else partial_message
      break;
    }
    if (rec) {
      ec = rec;
      break;
    }
  }
  if (armed) {
    conn.lowest().expires_never();
  }
  out.resize(old + got);
  if (ec) {
    close();
    co_return map_timeout(ec, errc::body_timeout);
  }
  co_return got;
}

// --- client

client::client(net::any_io_executor executor, client_options options)
    : impl_(std::make_unique<detail::client_impl>()) {
  impl_->executor = std::move(executor);
  impl_->options = std::move(options);
  auto& tls = impl_->tls;
  const auto& o = impl_->options.tls;
  if (o.use_system_store) {
    tls.set_default_verify_paths();
  }
  if (!o.ca_file.empty()) {
    tls.load_verify_file(o.ca_file);
  }
  if (!o.ca_pem.empty()) {
    tls.add_certificate_authority(boost::asio::buffer(o.ca_pem));
  }
  tls.set_verify_mode(ssl::verify_peer);
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
}

client::~client() = default;

std::uint64_t client::connections_made() const noexcept {
  return impl_->made;
}

std::size_t client::idle_connections() const noexcept {
  std::size_t n = 0;
  for (const auto& [origin, list] : impl_->idle) {
    n += list.size();
  }
  return n;
}

void client::clear_pool() noexcept {
  for (auto& [origin, list] : impl_->idle) {
    for (auto& c : list) {
      c->close();
    }
  }
  impl_->idle.clear();
}

void client::shutdown() noexcept {
  impl_->shut_down = true;
  clear_pool();
}

void client::release(std::unique_ptr<detail::pooled_connection> conn) noexcept {
  if (impl_->shut_down) {
    conn->close();
    return;
  }
  auto& list = impl_->idle[conn->origin];
  if (list.size() >= impl_->options.max_idle_per_origin) {
    conn->close();
    return;
  }
  conn->idle_since = std::chrono::steady_clock::now();
  conn->parser.reset();
  list.push_back(std::move(conn));
}

task<result<response_stream>> client::open(url target, request req, request_options options) {
  prepare(req, target);
  std::string origin = target.origin();
  for (int attempt = 0;; ++attempt) {
    auto conn = take_idle(*impl_, origin);
    if (!conn) {
      auto made = co_await connect(*impl_, target, options);
      if (!made) {
        co_return made.error();
      }
      conn = std::move(*made);
    }
    auto r = co_await exchange_header(*conn, req, options);
    if (r) {
      auto header = take_header(*conn->parser);
      co_return response_stream(*this, std::move(conn), std::move(header), options);
    }
    bool retry = attempt == 0 && r.error().retryable && (conn->reused || idempotent(req.method()));
    conn->close();
    if (!retry) {
      co_return r.error().ec;
    }
  }
}

task<result<response>> client::send(url target, request req, request_options options) {
  auto opened = co_await open(std::move(target), std::move(req), options);
  if (!opened) {
    co_return opened.error();
  }
  auto& stream = *opened;
  response res;
  static_cast<bhttp::response_header<>&>(res) = stream.header().base();
  std::string& body = res.body();
  while (!stream.done()) {
    std::size_t room = options.max_body_bytes + 1 - body.size();
    auto n = co_await stream.read_some(body, std::min<std::size_t>(room, 64 * 1024));
    if (!n) {
      co_return n.error();
    }
    if (body.size() > options.max_body_bytes) {
      stream.close();
      co_return make_error_code(errc::body_too_large);
    }
  }
  co_return res;
}

result<response> fetch(std::string_view url_text, const fetch_options& options) {
  auto target = parse_url(url_text);
  if (!target) {
    return target.error();
  }
  request req{options.method, target->target, 11};
  for (const auto& [name, value] : options.headers) {
    req.set(name, value);
  }
  if (!options.content_type.empty()) {
    req.set(field::content_type, options.content_type);
  }
  req.body() = options.body;
  net::io_context ioc{1};
  std::optional<client> c;
  try {
    c.emplace(ioc.get_executor(), client_options{options.tls});
  } catch (const std::exception&) {
    return make_error_code(errc::tls_setup_failed);
  }
  result<response> out = make_error_code(errc::connection_closed);
  net::co_spawn(
      ioc, [&]() -> task<void> { out = co_await c->send(*target, std::move(req), options.limits); },
      net::detached);
  ioc.run();
  return out;
}

}  // namespace mcpgate::http
