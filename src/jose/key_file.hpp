#pragma once

#include "core/result.hpp"
#include "jose/key_set.hpp"

#include <string>

namespace mcpgate::jose {

// Reads a JWKS from a local file (the `jwks.file` source and `mcpgate jwt verify --jwks FILE`).
// A file larger than opt.max_document_bytes is refused without reading it all.
result<key_set> key_set_from_file(const std::string& path, const jwks_options& opt = {});

// Reads a whole small file (a PEM key, a JWKS); errc::limits past max_bytes.
result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

}  // namespace mcpgate::jose
