#pragma once

// The message types the server and the client share. Beast's message templates are header-only
// and cheap to include; the stream and parser machinery stays in the .cpp files.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace mcpgate::http {

namespace net = boost::asio;
namespace beast = boost::beast;

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;
// The header of a streamed response (status and fields; the body follows in pieces).
using stream_header = boost::beast::http::response<boost::beast::http::empty_body>;
using status = boost::beast::http::status;
using verb = boost::beast::http::verb;
using field = boost::beast::http::field;

// Every coroutine in the module is an awaitable on the worker's executor.
template <class T>
using task = boost::asio::awaitable<T, boost::asio::any_io_executor>;

}  // namespace mcpgate::http
