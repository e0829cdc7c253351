#include "json/error.hpp"

#include "core/error.hpp"

#include <stdexcept>

namespace mcpgate::json {

namespace {

class json_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.json"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::too_large:
        return "document too large";
      case errc::too_deep:
        return "nesting too deep";
      case errc::duplicate_member:
        return "duplicate member name";
      case errc::number_out_of_range:
        return "number out of range";
    }
    return "unknown json error";
  }
};

}  // namespace

const boost::system::error_category& json_category() noexcept {
  static const json_category_impl instance;
  return instance;
}

std::string parse_error::message() const {
  std::string out = code.message();
  if (!detail.empty()) {
    out += " \"";
    out += detail;
    out += '"';
  }
  out += " at offset ";
  out += std::to_string(offset);
  return out;
}

void throw_exception_from_error(const parse_error& e, const boost::source_location&) {
  throw std::runtime_error("invalid JSON: " + e.message());
}

}  // namespace mcpgate::json
