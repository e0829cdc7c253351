#pragma once

#include <cstddef>

namespace mcpgate::config {

// Bounds on what a configuration file may cost to load (STYLE.md, habit 6). A config or policy
// file can come from a ConfigMap other people write, so loading must stay cheap and must never
// recurse without bound: yaml-cpp 0.7 builds and walks its tree recursively.
struct load_limits {
  std::size_t max_file_bytes = 1 << 20;  // 1 MiB; the reference policy is about 2 KiB
  std::size_t max_nesting_depth = 64;    // collections inside collections, checked before parsing
  std::size_t max_nodes = 100'000;       // nodes visited while converting; an alias bomb hits it
  std::size_t max_documents = 64;        // "---" separated documents in one file
  std::size_t max_policy_files = 64;     // policyFiles entries in one native config
};

}  // namespace mcpgate::config
