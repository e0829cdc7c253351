#!/usr/bin/env bash
# The gateway benchmark of issue 9: mcpgate against nginx, HAProxy (jwt_verify) and the direct
# path on loopback; prints one table and writes bench/results/gateway.json. See
# docs/performance.md. Settings (environment): MCPGATE_BIN (default build/release/mcpgate),
# BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_TOKENS (12000),
# BENCH_STREAMS (10000), BENCH_ONLY (e.g. s1,s6), BENCH_OUT, BENCH_KEEP (keep the work directory).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in nginx haproxy wrk node openssl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/gateway.sh: $tool is missing (scripts/deps.sh bench installs it)" >&2
    exit 1
  fi
done
# Scenario 6 holds 10,000 client and 10,000 upstream sockets in one process.
want=$((${BENCH_STREAMS:-10000} * 2 + 4096))
if (($(ulimit -n) < want)); then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
echo "== gateway (mcpgate vs nginx, HAProxy, direct)"
exec node bench/gateway/run.mjs
