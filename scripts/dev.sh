#!/usr/bin/env bash
# `make dev`: runs the local stack.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/mcpgate
if "$bin" dev --help >/dev/null 2>&1; then
  exec "$bin" dev --port "${1:-3000}"
elif "$bin" demo-server --help >/dev/null 2>&1; then
  echo "mcpgate dev is not built yet; starting the demo MCP server on 127.0.0.1:${1:-3000}/mcp"
  exec "$bin" demo-server --listen "127.0.0.1:${1:-3000}"
else
  echo "The local stack is not built yet. When it is, make dev will start the development"
  echo "issuer, the demo MCP server and the gateway with the reference policy on port ${1:-3000}."
  "$bin" --version
fi
