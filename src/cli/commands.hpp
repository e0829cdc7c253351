#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace mcpgate::cli {

// What a parsed subcommand runs; returns the exit status.
using action = std::function<int()>;

struct logging_flags;

// Each subcommand group registers itself on the root app and, when chosen, stores its action in
// `chosen`. One file per group.
void register_jwt(CLI::App& app, action& chosen);
// `serve`: the gateway; `logging` is filled in after parsing, before the action runs.
void register_serve(CLI::App& app, action& chosen, const logging_flags& logging);
void register_dev(CLI::App& app, action& chosen);           // `dev`: the whole stack locally
void register_policy_check(CLI::App& app, action& chosen);  // `policy check`
void register_demo_server(CLI::App& app, action& chosen);
void register_policy(CLI::App& app, action& chosen);  // `policy eval`; group: policy_group()
void register_token(CLI::App& app, action& chosen);   // `token device/client-credentials/mint`
void register_issuer(CLI::App& app, action& chosen);  // `issuer`: the development issuer
CLI::App& policy_group(CLI::App& app);  // the `policy` subcommand, created on first use

}  // namespace mcpgate::cli
