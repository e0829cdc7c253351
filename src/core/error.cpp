#include "core/error.hpp"

#include <cstring>

namespace mcpgate::core {

char const* category_base::message(int ev, char* buffer, std::size_t len) const noexcept {
  if (len == 0) {
    return buffer;
  }
  std::strncpy(buffer, describe(ev), len - 1);
  buffer[len - 1] = '\0';
  return buffer;
}

namespace {

class core_category_impl final : public category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.core"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::base64_bad_character:
        return "invalid base64url character";
      case errc::base64_bad_length:
        return "invalid base64url length";
      case errc::base64_non_canonical:
        return "non-canonical base64url encoding";
    }
    return "unknown core error";
  }
};

}  // namespace

const boost::system::error_category& core_category() noexcept {
  static const core_category_impl instance;
  return instance;
}

}  // namespace mcpgate::core
