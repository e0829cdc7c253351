// Feeds bytes to the server's request parsing through an in-memory stream, as the connection
// does (src/http/connection.cpp): read until the end of the header within the size limit and
// apply the header pre-checks (obs-fold, bare LF), then Beast's read_header and read with the
// server's limits, the framing and Host rules between them; pipelined requests each get a fresh
// parser. The stream hands out the bytes in pieces of a size taken from the first input byte,
// and once whole, so split points are exercised too.

#include "http/request_rules.hpp"
#include "http/server.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace bhttp = boost::beast::http;

// A synchronous read stream over a byte string that returns at most `piece` bytes per read.
class piece_stream {
 public:
  piece_stream(std::string_view data, std::size_t piece) : data_{data}, piece_{piece} {}

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
    if (data_.empty()) {
      ec = boost::asio::error::eof;
      return 0;
    }
    const auto n = boost::asio::buffer_copy(
        buffers, boost::asio::buffer(data_.data(), std::min(piece_, data_.size())));
    data_.remove_prefix(n);
    ec = {};
    return n;
  }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    const auto n = read_some(buffers, ec);
    if (ec) {
      throw boost::system::system_error{ec};
    }
    return n;
  }

 private:
  std::string_view data_;
  std::size_t piece_;
};

std::string_view view(const boost::beast::flat_buffer& b) {
  return {static_cast<const char*>(b.data().data()), b.data().size()};
}

void parse_requests(std::string_view data, std::size_t piece) {
  mcpgate::http::server_limits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 4096;
  piece_stream stream{data, piece};
  boost::beast::flat_buffer buffer;
  for (int message = 0; message < 8; ++message) {
    // The connection's own header loop: complete, within the limit, no obs-fold, no bare LF.
    std::size_t end = std::string_view::npos;
    for (;;) {
      const auto seen = view(buffer);
      end = seen.find("\r\n\r\n");
      if (end != std::string_view::npos || seen.size() > limits.max_header_bytes ||
          mcpgate::http::has_bare_lf(seen)) {
        break;
      }
      boost::system::error_code ec;
      const auto n = stream.read_some(buffer.prepare(512), ec);
      buffer.commit(n);
      if (ec) {
        return;
      }
    }
    const auto seen = view(buffer);
    if (end == std::string_view::npos || end + 4 > limits.max_header_bytes ||
        mcpgate::http::has_obs_fold(seen.substr(0, end + 2))) {
      return;
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    boost::system::error_code ec;
    bhttp::read_header(stream, buffer, parser, ec);
    if (ec) {
      return;
    }
    if (!mcpgate::http::framing_ok(parser.get().base(), parser.chunked()) ||
        !mcpgate::http::host_ok(parser.get().base())) {
      return;
    }
    if (!parser.is_done()) {
      bhttp::read(stream, buffer, parser, ec);
      if (ec) {
        return;
      }
    }
    (void)parser.get().body().size();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes{reinterpret_cast<const char*>(data), size};
  std::size_t piece = size > 0 ? (data[0] % 64) + 1 : 1;
  parse_requests(bytes, piece);
  parse_requests(bytes, bytes.size() + 1);
  return 0;
}
