#pragma once

// What a tool, prompt or resource handler may do while it runs: read the HTTP request (headers
// carry the gateway's identity assertion), report progress, log, and ask the client for sampling
// or elicitation. The first notification or server-to-client request switches the HTTP response
// from a JSON body to an SSE stream.

#include "http/message.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/model.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace mcpgate::server {

// The client's answer to a server-to-client request: a result, or the error it sent (or one we
// made up when it did not answer in time or the session ended).
struct client_reply {
  std::optional<boost::json::value> result;
  mcp::rpc_error error;

  explicit operator bool() const noexcept { return result.has_value(); }
};

class request_context {
 public:
  virtual ~request_context() = default;

  virtual const http::request& http_request() const noexcept = 0;
  virtual const mcp::client_capabilities& client_capabilities() const noexcept = 0;
  // params._meta.progressToken of the request being handled; null when none.
  virtual const boost::json::value& progress_token() const noexcept = 0;

  // Sends a notification related to this request.
  virtual http::task<void> notify(std::string_view method, boost::json::object params) = 0;
  // Sends a request to the client and waits for its reply (bounded by the server's timeout).
  virtual http::task<client_reply> ask_client(std::string_view method,
                                              boost::json::object params) = 0;
  // Sends notifications/message when `level` passes the session's logging/setLevel threshold.
  virtual http::task<void> log(mcp::log_level level, boost::json::value data,
                               std::string_view logger = {}) = 0;

  // notifications/progress, when the caller asked for progress.
  http::task<void> progress(double done, std::optional<double> total = std::nullopt,
                            std::string_view message = {});
  // Waits without blocking the worker.
  http::task<void> sleep(std::chrono::milliseconds d);
};

}  // namespace mcpgate::server
