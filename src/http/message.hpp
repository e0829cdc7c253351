#pragma once

// The message types the server and the client share. Beast's message templates are header-only
// and cheap to include; the stream and parser machinery stays in the .cpp files.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/assert.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <string_view>

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

// Lookups by the parser's name for a field. A message has a handful of fields, and Beast's own
// lookups by field walk an ordered set comparing names character by character; comparing the enum
// along the list is several times cheaper (about 6 % of a proxied request's instructions went to
// those lookups). Exact for every field a parser made and for Beast's by-name insert() and set(),
// which all resolve the enum. `name` must not be field::unknown.
inline std::size_t count_of(const boost::beast::http::fields& h, field name) noexcept {
  BOOST_ASSERT(name != field::unknown);
  std::size_t n = 0;
  for (const auto& f : h) {
    n += f.name() == name ? 1 : 0;
  }
  return n;
}

// The first field named `name`, or nullptr.
inline const boost::beast::http::fields::value_type* first_of(const boost::beast::http::fields& h,
                                                              field name) noexcept {
  BOOST_ASSERT(name != field::unknown);
  for (const auto& f : h) {
    if (f.name() == name) {
      return &f;
    }
  }
  return nullptr;
}

// The value of the first field named `name`, empty when there is none.
inline std::string_view value_of(const boost::beast::http::fields& h, field name) noexcept {
  const auto* f = first_of(h, name);
  return f ? std::string_view{f->value().data(), f->value().size()} : std::string_view{};
}

// Every coroutine in the module is an awaitable on the worker's executor.
template <class T>
using task = boost::asio::awaitable<T, boost::asio::any_io_executor>;

}  // namespace mcpgate::http
