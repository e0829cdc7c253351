#include "server/context.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mcpgate::server {

http::task<void> request_context::progress(double done, std::optional<double> total,
                                           std::string_view message) {
  if (progress_token().is_null()) {
    co_return;
  }
  co_await notify("notifications/progress",
                  mcp::progress_params(progress_token(), done, total, message));
}

http::task<void> request_context::sleep(std::chrono::milliseconds d) {
  http::net::steady_timer timer{co_await http::net::this_coro::executor, d};
  error_code ec;
  co_await timer.async_wait(http::net::redirect_error(http::net::use_awaitable, ec));
}

}  // namespace mcpgate::server
