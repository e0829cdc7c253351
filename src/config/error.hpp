#pragma once

#include <stdexcept>
#include <string>

namespace mcpgate::config {

// Where a value came from. line and column are 1-based; 0 means "the file as a whole".
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;

  // "policy.yaml:12:5", "policy.yaml:12" or "policy.yaml".
  std::string to_string() const;
};

// Configuration is loaded at start-up and on reload, never on the request path, so a failure is
// an exception (STYLE.md, habit 1). The message reads
//   policy.yaml:12:5: spec.traffic.jwtAuthentication.mode: expected one of ..., got "strict"
// and the parts stay available for callers that log them as structured fields.
class config_error : public std::runtime_error {
 public:
  config_error(source_location where, std::string field, const std::string& detail);

  const source_location& where() const noexcept { return where_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  source_location where_;
  std::string field_;
  std::string detail_;
};

}  // namespace mcpgate::config
