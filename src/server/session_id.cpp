#include "server/session_id.hpp"

#include "core/base64url.hpp"
#include "server/error.hpp"

#include <openssl/rand.h>

#include <array>

namespace mcpgate::server {

result<std::string> new_session_id() {
  std::array<unsigned char, session_id_bytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return make_error_code(errc::io_error);
  }
  return core::base64url_encode({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

}  // namespace mcpgate::server
