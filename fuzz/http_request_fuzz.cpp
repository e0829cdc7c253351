// Feeds bytes to the server's request parsing as the connection does: the header pre-checks
// (size, obs-fold), Beast's parser with the server's limits, the framing rule, then the body,
// in pieces of varying size so split points are exercised too.

#include "http/request_rules.hpp"
#include "http/server.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace bhttp = boost::beast::http;

void parse_requests(std::string_view data, std::size_t piece) {
  mcpgate::http::server_limits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 4096;
  // Several pipelined requests, each with a fresh parser, as the connection loop does.
  for (int message = 0; message < 8 && !data.empty(); ++message) {
    auto end = data.find("\r\n\r\n");
    if (end == std::string_view::npos || end + 4 > limits.max_header_bytes ||
        mcpgate::http::has_obs_fold(data.substr(0, end + 2))) {
      return;
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    parser.eager(false);
    bool checked = false;
    while (!parser.is_done()) {
      boost::system::error_code ec;
      std::size_t n = std::min(piece, data.size());
      std::size_t used = parser.put(boost::asio::const_buffer(data.data(), n), ec);
      if (ec == bhttp::error::need_more && n < data.size()) {
        // Not enough for the parser's next step: offer it everything left.
        used = parser.put(boost::asio::const_buffer(data.data(), data.size()), ec);
      }
      data.remove_prefix(used);
      if (ec && ec != bhttp::error::need_more) {
        return;
      }
      if (parser.is_header_done() && !checked) {
        checked = true;
        if (!mcpgate::http::framing_ok(parser.get().base(), parser.chunked())) {
          return;
        }
        parser.eager(true);
      }
      if (used == 0) {
        return;  // out of input before the end of the message
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
