#pragma once

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <type_traits>

namespace mcpgate::core {

// Errors of the core module.
enum class errc {
  ok = 0,
  base64_bad_character = 1,  // a byte outside the base64url alphabet (including '+', '/', '=')
  base64_bad_length = 2,     // a length of 1 mod 4, which no byte string encodes to
  base64_non_canonical = 3,  // the last character carries set bits that encode nothing
};

const boost::system::error_category& core_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), core_category()};
}

// Base for the error categories of all modules: the name and a message table.
class category_base : public boost::system::error_category {
 public:
  using boost::system::error_category::message;
  std::string message(int ev) const override { return describe(ev); }
  char const* message(int ev, char* buffer, std::size_t len) const noexcept override;

 protected:
  virtual const char* describe(int ev) const noexcept = 0;
};

}  // namespace mcpgate::core

template <>
struct boost::system::is_error_code_enum<mcpgate::core::errc> : std::true_type {};
