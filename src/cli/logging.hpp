#pragma once

#include "config/gateway_config.hpp"

#include <string_view>

namespace mcpgate::cli {

enum class log_format { text, json };

// Configures the default spdlog logger: stderr, the given level name (trace … off) and format.
// JSON format writes one object per line with the message escaped.
void setup_logging(log_format format, std::string_view level);

// Which of --log-format and --log-level (or MCPGATE_LOG_FORMAT / MCPGATE_LOG_LEVEL) were given;
// the command line wins over a config file's `logging` section.
struct logging_flags {
  bool format_given = false;
  bool level_given = false;
};

// Applies a config file's `logging` section where the command line gave nothing: the format
// only at start (a reload cannot swap the logger under running workers), the level at every load.
void apply_config_logging(const config::logging_options& logging, const logging_flags& flags,
                          bool at_start);

}  // namespace mcpgate::cli
