#include "gateway/key_source.hpp"

namespace mcpgate::gateway {

http::task<void> fixed_key_source::on_missing_keys() {
  co_return;
}

}  // namespace mcpgate::gateway
