#pragma once

#include <string_view>

namespace mcpgate::cli {

enum class log_format { text, json };

// Configures the default spdlog logger: stderr, the given level name (trace … off) and format.
// JSON format writes one object per line with the message escaped.
void setup_logging(log_format format, std::string_view level);

}  // namespace mcpgate::cli
