#include "mcp/inspect.hpp"
#include "mcp/jsonrpc.hpp"

#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

// JSON-RPC validation and MCP inspection of arbitrary bodies: must never crash, and anything
// accepted must survive a round trip through the builders unchanged in kind.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body{reinterpret_cast<const char*>(data), size};
  mcpgate::mcp::message_limits lim;
  lim.max_depth = 32;
  auto info = mcpgate::mcp::inspect(body, lim);
  if (!info) {
    (void)mcpgate::mcp::make_error(info.error());
    return 0;
  }
  auto m = mcpgate::mcp::parse_message(body, lim);
  if (!m) {
    __builtin_trap();  // inspect accepted what parse_message refused
  }
  if (m->kind == mcpgate::mcp::message_kind::request) {
    auto again = mcpgate::mcp::parse_message(
        boost::json::serialize(mcpgate::mcp::make_request(m->id, m->method, m->params)), lim);
    if (!again || again->kind != m->kind || again->method != m->method) {
      __builtin_trap();
    }
  }
  return 0;
}
