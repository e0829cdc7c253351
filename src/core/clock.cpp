#include "core/clock.hpp"

namespace mcpgate::core {

const clock& real_clock() noexcept {
  static const system_clock instance;
  return instance;
}

}  // namespace mcpgate::core
