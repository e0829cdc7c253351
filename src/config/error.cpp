#include "config/error.hpp"

#include <utility>

namespace mcpgate::config {

std::string source_location::to_string() const {
  std::string out = file.empty() ? std::string{"<config>"} : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) {
      out += ':' + std::to_string(column);
    }
  }
  return out;
}

namespace {

std::string format(const source_location& where, const std::string& field,
                   const std::string& detail) {
  std::string out = where.to_string() + ": ";
  if (!field.empty()) {
    out += field + ": ";
  }
  return out + detail;
}

}  // namespace

config_error::config_error(source_location where, std::string field, const std::string& detail)
    : std::runtime_error{format(where, field, detail)},
      where_{std::move(where)},
      field_{std::move(field)},
      detail_{detail} {}

}  // namespace mcpgate::config
