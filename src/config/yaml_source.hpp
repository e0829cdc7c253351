#pragma once

#include "config/limits.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::config {

// Reads a whole file, refusing one larger than limits.max_file_bytes. Throws config_error naming
// the file when it cannot be read.
std::string read_config_file(const std::filesystem::path& path, const load_limits& limits);

// Rejects text whose collections nest deeper than limits.max_nesting_depth, before yaml-cpp
// (which recurses per level) sees it. The estimate is conservative: it may count a level that is
// not one (a bracket in an oddly placed quote), never miss one. Throws config_error with the
// line where the limit was crossed.
void check_nesting(std::string_view text, const std::string& file, const load_limits& limits);

// check_nesting, then yaml-cpp's parser; every "---" document, empty ones dropped. Syntax errors
// become config_error with yaml-cpp's line and column.
std::vector<YAML::Node> parse_documents(std::string_view text, const std::string& file,
                                        const load_limits& limits);

}  // namespace mcpgate::config
