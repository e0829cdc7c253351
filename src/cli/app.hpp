#pragma once

namespace mcpgate::cli {

// Parses the command line and runs the chosen subcommand; returns the process exit status
// (0 success, 1 failure of the operation, 2 usage error).
int run(int argc, char** argv);

}  // namespace mcpgate::cli
