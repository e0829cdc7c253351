// Reading the request header of scenario 1 (bench/gateway/mcp.lua: a tools/call with Accept,
// Host, a ~630-byte Bearer token, Content-Type and Content-Length) into a request: the gateway's
// fast path (http/request_head.hpp) against Beast's request parser, the peer, on the same bytes
// in the same run. Both fill a Beast request, so the ratio is the cost of reading the bytes.
#include "http/request_head.hpp"

#include <benchmark/benchmark.h>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace {

namespace bhttp = boost::beast::http;

std::string scenario_1_header() {
  // An RS256 token of the benchmark's size: header.claims.signature, base64url.
  const std::string token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJlbmNoIiwidHlwIjoiSldUIn0." +
                            std::string(250, 'e') + "." + std::string(342, 's');
  return "POST /mcp HTTP/1.1\r\n"
         "Accept: application/json, text/event-stream\r\n"
         "Host: 127.0.0.1:40000\r\n"
         "Authorization: Bearer " +
         token +
         "\r\n"
         "Content-Type: application/json\r\n"
         "Content-Length: 102\r\n"
         "\r\n";
}

void beast_parser(benchmark::State& state) {
  const std::string head = scenario_1_header();
  for (auto _ : state) {
    bhttp::request_parser<bhttp::string_body> parser;
    boost::system::error_code ec;
    parser.put(boost::asio::buffer(head), ec);
    benchmark::DoNotOptimize(parser.get());
  }
}
BENCHMARK(beast_parser);

void parse_simple_request(benchmark::State& state) {
  const std::string head = scenario_1_header();
  for (auto _ : state) {
    mcpgate::http::request req;
    auto length = mcpgate::http::parse_simple_request(head, 4 << 20, req);
    benchmark::DoNotOptimize(length);
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(parse_simple_request);

}  // namespace

BENCHMARK_MAIN();
