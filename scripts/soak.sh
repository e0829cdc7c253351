#!/usr/bin/env bash
# Soak test: N seconds (default 300) of mixed traffic through the gateway — allowed, denied,
# tools/list, SSE, bad tokens, GET streams — checking that only the expected denials occur, RSS
# grows < 5% after warm-up and open fds do not grow. Prints the figures; exits 1 on a failure.
#   scripts/soak.sh [SECONDS] [CONCURRENCY]      (MCPGATE_BIN=build/debug/mcpgate for ASan)
set -euo pipefail
cd "$(dirname "$0")/.."
export MCPGATE_BIN=${MCPGATE_BIN:-build/release/mcpgate}
exec node tests/soak/soak.mjs --seconds "${1:-300}" --concurrency "${2:-8}"
