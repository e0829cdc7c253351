#include "config/env.hpp"

#include <cstdlib>
#include <utility>

namespace mcpgate::config {

env_lookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    // getenv is read-only here: the gateway never calls setenv after start-up.
    if (const char* value = std::getenv(name.c_str()); value != nullptr) {
      return std::string{value};
    }
    return std::nullopt;
  };
}

env_lookup map_environment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    if (auto it = vars.find(name); it != vars.end()) {
      return it->second;
    }
    return std::nullopt;
  };
}

namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

}  // namespace

expansion expand_variables(std::string_view text, const env_lookup& env) {
  expansion out;
  out.value.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$') {
      out.value += c;
      ++i;
      continue;
    }
    if (text.substr(i, 3) == "$${") {
      out.value += "${";
      i += 3;
      continue;
    }
    if (text.substr(i, 2) != "${") {
      out.value += c;
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.error = "unterminated \"${\" (write \"$${\" for a literal \"${\")";
      return out;
    }
    const std::string name{text.substr(i + 2, close - i - 2)};
    bool valid = !name.empty() && is_name_start(name.front());
    for (char n : name) {
      valid = valid && is_name_char(n);
    }
    if (!valid) {
      out.error = "invalid variable name \"${" + name + "}\" (expected [A-Za-z_][A-Za-z0-9_]*)";
      return out;
    }
    auto value = env ? env(name) : std::nullopt;
    if (!value) {
      out.error = "environment variable " + name + " is not set";
      return out;
    }
    out.value += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace mcpgate::config
