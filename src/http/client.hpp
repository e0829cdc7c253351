#pragma once

// HTTP/1.1 client for one worker: a keep-alive connection pool keyed by scheme/host/port, plain
// HTTP and HTTPS (OpenSSL: system CA store or a given CA, SNI, hostname verification). It never
// follows redirects: a 3xx is returned like any other response. Not thread-safe by design: one
// client per io_context, used from that context's thread only.

#include "core/result.hpp"
#include "http/message.hpp"
#include "http/url.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::http {

struct tls_options {
  // Trust the system CA store (OpenSSL's default verify paths).
  bool use_system_store = true;
  // Extra trust anchors: a PEM file and/or PEM text (tests use a self-signed certificate).
  std::string ca_file;
  std::string ca_pem;
  // Check the certificate's names against the URL host (never turn off outside tests).
  bool verify_hostname = true;
};

struct client_options {
  tls_options tls;
  // A pooled connection unused for this long is closed instead of reused (servers time idle
  // connections out too; reusing one they are closing races with their FIN).
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{30}};
  // Idle connections kept per origin; extra ones are closed when returned.
  std::size_t max_idle_per_origin = 16;
};

// Per-request limits and timeouts.
struct request_options {
  // TCP connect plus TLS handshake.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{5}};
  // From the start of sending to the complete response header.
  std::chrono::milliseconds response_timeout{std::chrono::seconds{30}};
  // Buffered mode: reading the whole body; streaming mode: each read_some().
  std::chrono::milliseconds body_timeout{std::chrono::seconds{30}};
  std::size_t max_header_bytes = 64 * 1024;
  // Buffered mode only (streaming callers bound what they keep themselves).
  std::size_t max_body_bytes = 4 << 20;
};

namespace detail {
struct client_impl;
struct pooled_connection;
}  // namespace detail

class client;

// A response whose body is read piece by piece (streaming mode). Move-only. When destroyed, the
// connection goes back to the pool if the body was read to its end and the connection may be
// kept alive; otherwise it is closed (an unread body would corrupt the next exchange).
class response_stream {
 public:
  response_stream(response_stream&&) noexcept;
  response_stream& operator=(response_stream&&) noexcept;
  ~response_stream();

  // Status and header fields.
  const stream_header& header() const noexcept { return header_; }
  // Reads the next piece of the body, appending at most `max_bytes` to `out`. Returns the number
  // of bytes appended; 0 means the body has ended (done() is then true).
  task<result<std::size_t>> read_some(std::string& out, std::size_t max_bytes = 64 * 1024);
  // The body has been read to its end.
  bool done() const noexcept;
  // Closes the connection now (e.g. the downstream client went away).
  void close() noexcept;
  // Makes a pending read_some() fail at once (operation_aborted), which then closes the
  // connection; safe to call from a callback while read_some() waits, unlike close().
  void cancel() noexcept;

 private:
  friend class client;
  response_stream(client& owner, std::unique_ptr<detail::pooled_connection> conn,
                  stream_header header, request_options options);

  client* owner_ = nullptr;
  std::unique_ptr<detail::pooled_connection> conn_;
  stream_header header_;
  request_options options_;
};

class client {
 public:
  // Throws at start-up only, when tls_options name an unreadable CA.
  explicit client(net::any_io_executor executor, client_options options = {});
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Sends `req` to `target` and reads the whole response (body up to max_body_bytes). The
  // request target and Host header are set from the URL; Content-Length from the body.
  // A pooled connection the server closed meanwhile is noticed: when nothing of the response
  // arrived and the connection was reused (or the method is idempotent), the request is retried
  // once on a fresh connection.
  task<result<response>> send(url target, request req, request_options options = {});

  // Sends `req` and returns once the response header is in; the body is read from the stream.
  // The same retry rule as send() applies up to the header.
  task<result<response_stream>> open(url target, request req, request_options options = {});

  // Connections made (not reused) so far, and idle connections pooled now; for tests/metrics.
  std::uint64_t connections_made() const noexcept;
  std::size_t idle_connections() const noexcept;
  // Closes every idle pooled connection.
  void clear_pool() noexcept;
  // Closes every idle pooled connection and pools none from now on: a response_stream released
  // later closes its connection. For an owner that outlives the io_context its sockets belong to
  // (a socket destroyed after its io_context is a use-after-free): call it while the context
  // still exists, before the context tears down the coroutines that hold streams.
  void shutdown() noexcept;

 private:
  friend class response_stream;
  void release(std::unique_ptr<detail::pooled_connection> conn) noexcept;

  std::unique_ptr<detail::client_impl> impl_;
};

// A synchronous one-shot request for command-line tools (`mcpgate jwt verify --jwks URL`,
// `mcpgate token`): runs its own io_context on the calling thread; no pooling.
struct fetch_options {
  verb method = verb::get;
  std::string body;
  std::string content_type;  // sent when not empty
  // Extra header fields, e.g. {"Accept", "application/json"}.
  std::vector<std::pair<std::string, std::string>> headers;
  request_options limits;
  tls_options tls;
};
result<response> fetch(std::string_view url_text, const fetch_options& options = {});

}  // namespace mcpgate::http
