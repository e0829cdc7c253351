#pragma once

// The fixtures the official MCP conformance suite (@modelcontextprotocol/conformance, server
// scenarios) calls: test_* tools (content types, logging, progress, errors, sampling,
// elicitation, JSON Schema 2020-12), test:// resources and a template, test_* prompts, and
// completion. Registered by `mcpgate demo-server --fixtures conformance`.

#include "server/registry.hpp"

namespace mcpgate::server {

void register_conformance_fixtures(registry& reg);

}  // namespace mcpgate::server
