#include "gateway/key_source.hpp"

namespace mcpgate::gateway {

http::task<void> fixed_key_source::on_unknown_kid() {
  co_return;
}

}  // namespace mcpgate::gateway
