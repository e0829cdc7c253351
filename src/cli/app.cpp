#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/logging.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <string>

namespace mcpgate::cli {

int run(int argc, char** argv) {
  CLI::App app{"mcpgate: OAuth and per-tool authorization in front of MCP servers", "mcpgate"};
  app.set_version_flag("--version", std::string{"mcpgate "} + MCPGATE_VERSION);
  app.require_subcommand(1);

  log_format format = log_format::text;
  std::string level = "info";
  auto* format_opt = app.add_option("--log-format", format, "Log format: text or json")
                         ->transform(CLI::CheckedTransformer(std::map<std::string, log_format>{
                             {"text", log_format::text}, {"json", log_format::json}}))
                         ->envname("MCPGATE_LOG_FORMAT");
  auto* level_opt =
      app.add_option("--log-level", level, "Log level: trace, debug, info, warn, error, off")
          ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
          ->envname("MCPGATE_LOG_LEVEL");

  action chosen;
  logging_flags given;
  register_serve(app, chosen, given);
  register_dev(app, chosen);
  register_jwt(app, chosen);
  register_demo_server(app, chosen);
  register_policy(app, chosen);
  register_policy_check(app, chosen);
  register_token(app, chosen);
  register_issuer(app, chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; usage errors are exit status 2.
    return code == 0 ? 0 : 2;
  }
  setup_logging(format, level);
  given.format_given = format_opt->count() > 0;
  given.level_given = level_opt->count() > 0;
  if (!chosen) {
    std::cerr << app.help();
    return 2;
  }
  try {
    return chosen();
  } catch (const std::exception& e) {
    // Start-up failures (bad config, port in use) end here with one clear line.
    spdlog::error("{}", e.what());
    return 1;
  }
}

}  // namespace mcpgate::cli
