#pragma once

#include "config/env.hpp"
#include "config/error.hpp"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace mcpgate::config::test {

// The message of the config_error that fn throws, or "" when it throws none.
inline std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}

inline std::filesystem::path data_dir() {
  const char* root = std::getenv("MCPGATE_SOURCE_DIR");
  return std::filesystem::path{root != nullptr ? root : "."} / "tests/unit/config/data";
}

inline env_lookup auth0_env() {
  return map_environment(
      {{"AUTH0_DOMAIN", "tenant.us.auth0.com"}, {"API_IDENTIFIER", "https://mcp-oauth-demo"}});
}

}  // namespace mcpgate::config::test
