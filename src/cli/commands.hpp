#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace mcpgate::cli {

// What a parsed subcommand runs; returns the exit status.
using action = std::function<int()>;

// Each subcommand group registers itself on the root app and, when chosen, stores its action in
// `chosen`. One file per group.

}  // namespace mcpgate::cli
