#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::config {

// Looks up one environment variable; nullopt when it is unset. Injected so that tests pass a
// map and production reads the process environment (STYLE.md, habit 5).
using env_lookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
env_lookup process_environment();

// A fixed set of variables, for tests and for `mcpgate policy check --env`.
env_lookup map_environment(std::map<std::string, std::string> vars);

// The outcome of expanding one scalar: the text, or why it could not be expanded.
struct expansion {
  std::string value;
  std::string error;  // empty on success
  bool ok() const noexcept { return error.empty(); }
};

// Replaces every ${NAME} (NAME = [A-Za-z_][A-Za-z0-9_]*) with the variable's value. "$${" is an
// escaped "${" and a "$" not followed by "{" is kept as is. An unset variable, an unterminated
// "${" or an invalid name is an error naming it. The replacement text is inserted verbatim:
// expansion runs on parsed scalars, so a value can never change the YAML structure around it.
expansion expand_variables(std::string_view text, const env_lookup& env);

}  // namespace mcpgate::config
