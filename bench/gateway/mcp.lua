-- wrk script for bench/gateway.sh. Configured through the environment:
--   BENCH_METHOD   GET or POST (default POST)
--   BENCH_PATH     request path (default /mcp)
--   BENCH_BODY     file holding the POST body (JSON-RPC message)
--   BENCH_TOKENS   file with one bearer token per line; requests cycle through them in order, so
--                  with more tokens than the gateway's token cache every request verifies a
--                  signature (the cache is LRU: a cyclic walk over more keys than it holds
--                  always misses)
--   BENCH_DELAY_MS pause of each connection between a response and its next request (paced
--                  load for the half-load latency run; wrk measures latency without the pause)
--   BENCH_ACCEPT   Accept header (default "application/json, text/event-stream")
-- done() prints one line "BENCHJSON {...}" with counts and latency percentiles in microseconds.

local method = os.getenv("BENCH_METHOD") or "POST"
local path = os.getenv("BENCH_PATH") or "/mcp"
local accept = os.getenv("BENCH_ACCEPT") or "application/json, text/event-stream"
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

local function slurp(name)
  local f = assert(io.open(name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local body = nil
if os.getenv("BENCH_BODY") then
  body = slurp(os.getenv("BENCH_BODY"))
end

-- Every request is formatted once, in init() (wrk.headers.Host is set only by then), not per
-- request.
local requests = {}
local function add(token)
  local headers = {["Accept"] = accept, ["Host"] = wrk.headers["Host"]}
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  if body then
    headers["Content-Type"] = "application/json"
  end
  requests[#requests + 1] = wrk.format(method, path, headers, body)
end
local n = 0
local i = 0
init = function(_)
  if os.getenv("BENCH_TOKENS") then
    for line in io.lines(os.getenv("BENCH_TOKENS")) do
      if #line > 0 then
        add(line)
      end
    end
  end
  if #requests == 0 then
    add(nil)
  end
  n = #requests
end

request = function()
  i = i % n + 1
  return requests[i]
end

if delay_ms > 0 then
  delay = function()
    return delay_ms
  end
end

done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d},"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
