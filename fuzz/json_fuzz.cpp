// The strict parser on arbitrary bytes: nothing may crash, and validate() must agree with
// parse() on every input, down to the error and its offset, since callers that read text in place
// (json/scan.hpp) rely on validate() having checked exactly what parse() checks.
#include "json/strict.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  mcpgate::json::limits lim;
  lim.max_depth = 32;
  auto r = mcpgate::json::parse(text, lim);
  auto v = mcpgate::json::validate(text, lim);
  if (r.has_value() != v.has_value()) {
    __builtin_trap();
  }
  if (!r) {
    const auto& pe = r.error();
    const auto& ve = v.error();
    if (pe.code != ve.code || pe.offset != ve.offset || pe.detail != ve.detail) {
      __builtin_trap();
    }
    (void)pe.message();
  }
  return 0;
}
