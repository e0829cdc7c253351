#include "config/policy.hpp"

namespace mcpgate::config {

const char* to_string(jwt_mode mode) noexcept {
  switch (mode) {
    case jwt_mode::strict:
      return "Strict";
    case jwt_mode::optional:
      return "Optional";
    case jwt_mode::permissive:
      return "Permissive";
  }
  return "Strict";
}

const char* to_string(rule_action action) noexcept {
  switch (action) {
    case rule_action::allow:
      return "Allow";
    case rule_action::deny:
      return "Deny";
    case rule_action::require:
      return "Require";
  }
  return "Allow";
}

}  // namespace mcpgate::config
