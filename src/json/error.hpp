#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <type_traits>

namespace mcpgate::json {

// Errors the strict parser adds to Boost.JSON's own (which cover syntax, UTF-8 and surrogates).
enum class errc {
  ok = 0,
  too_large = 1,            // the document is larger than limits::max_bytes
  too_deep = 2,             // nesting deeper than limits::max_depth
  duplicate_member = 3,     // an object names the same member twice (RFC 7493 §2.3)
  number_out_of_range = 4,  // a number a double cannot hold, such as 1e400 (RFC 7493 §2.2)
};

const boost::system::error_category& json_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), json_category()};
}

// A parse failure: what went wrong and the byte offset where the parser noticed it.
struct parse_error {
  error_code code;
  std::size_t offset = 0;
  std::string detail;  // e.g. the duplicated member name; may be empty

  std::string message() const;
};

// Lets boost::system::result<T, parse_error>::value() throw a readable exception.
[[noreturn]] void throw_exception_from_error(const parse_error& e,
                                             const boost::source_location& loc);

}  // namespace mcpgate::json

template <>
struct boost::system::is_error_code_enum<mcpgate::json::errc> : std::true_type {};
