// Feeds arbitrary bytes to the native-config loader (which also reads embedded
// AgentgatewayPolicy documents): it must either load or throw config_error, never crash, hang or
// recurse without bound.
#include "config/error.hpp"
#include "config/load.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto env =
      mcpgate::config::map_environment({{"AUTH0_DOMAIN", "t.auth0.com"}, {"API_IDENTIFIER", "a"}});
  mcpgate::config::load_limits limits;
  limits.max_file_bytes = 64 * 1024;  // keeps iterations fast; the logic is size-independent
  try {
    // No base directory: policyFiles entries resolve against the working directory and most
    // will not exist, which exercises the error path without reading anything unexpected.
    (void)mcpgate::config::load_config_text({reinterpret_cast<const char*>(data), size},
                                            "fuzz.yaml", env, limits, "/nonexistent");
  } catch (const mcpgate::config::config_error& e) {
    (void)e.what();
  }
  return 0;
}
