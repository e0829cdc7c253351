#pragma once

#include "gateway/snapshot.hpp"

#include <string>

namespace mcpgate::gateway {

// The admin endpoint /config: the configuration in force, as JSON. Keys are described, never
// exported (the identity key appears as "file" or "generated"); rules carry their source place.
std::string effective_config_json(const snapshot& s);

}  // namespace mcpgate::gateway
