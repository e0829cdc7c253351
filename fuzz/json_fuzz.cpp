#include "json/strict.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcpgate::json::limits lim;
  lim.max_depth = 32;
  auto r = mcpgate::json::parse({reinterpret_cast<const char*>(data), size}, lim);
  if (!r) {
    (void)r.error().message();
  }
  return 0;
}
