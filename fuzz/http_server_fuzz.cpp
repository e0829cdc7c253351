// The whole server side of a connection, not a copy of it: bytes go over a loopback socket into
// a real http::server (one worker, small limits and timeouts), whose connection loop applies the
// header pre-checks, Beast's parser, the framing and Host rules, keep-alive and pipelining, and
// hands each request to a handler that answers whole or streamed. The client half-closes after
// sending and reads until the server closes. Nothing may crash, trip a sanitizer or hang; every
// answer must be a well-formed status line.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace {

using namespace mcpgate;

http::task<void> handle(http::exchange& ex) {
  const std::string_view target{ex.req().target().data(), ex.req().target().size()};
  if (target.starts_with("/stream")) {
    http::stream_header h{http::status::ok, ex.req().version()};
    h.set(http::field::content_type, "text/event-stream");
    if (co_await ex.begin_stream(std::move(h))) {
      co_return;
    }
    (void)co_await ex.write("data: a\n\n");
    (void)co_await ex.write(ex.req().body());
    (void)co_await ex.finish();
    co_return;
  }
  if (target.starts_with("/none")) {
    co_return;  // no answer: the server must answer 500 itself
  }
  http::response res{http::status::ok, ex.req().version()};
  res.body() = std::to_string(ex.req().body().size());
  co_await ex.respond(std::move(res));
}

struct fixture {
  std::unique_ptr<http::server> server;
  sockaddr_in address{};

  fixture() {
    http::server_options opt;
    opt.workers = 1;
    opt.limits.max_header_bytes = 2048;
    opt.limits.max_body_bytes = 4096;
    opt.limits.header_timeout = std::chrono::milliseconds{500};
    opt.limits.body_timeout = std::chrono::milliseconds{500};
    opt.limits.idle_timeout = std::chrono::milliseconds{500};
    opt.limits.write_timeout = std::chrono::milliseconds{500};
    server = std::make_unique<http::server>(opt);
    auto ep = server->listen("127.0.0.1", 0, handle);
    if (!ep) {
      std::abort();
    }
    server->start();
    address.sin_family = AF_INET;
    address.sin_port = htons(ep->port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  }
};

void exchange_bytes(const fixture& f, std::string_view bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return;
  }
  timeval tv{5, 0};  // longer than every server timeout: a hang shows as a libFuzzer timeout
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&f.address), sizeof f.address) != 0) {
    ::close(fd);
    return;
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      break;  // the server refused and closed: fine
    }
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buf[4096];
  for (;;) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      break;
    }
    answer.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (!answer.empty() && !answer.starts_with("HTTP/1.1 ") && !answer.starts_with("HTTP/1.0 ")) {
    std::abort();  // whatever the server sends starts with a status line
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fixture f;
  exchange_bytes(f, {reinterpret_cast<const char*>(data), size});
  return 0;
}
