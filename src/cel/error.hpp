#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace mcpgate::cel {

// Engine faults found while compiling an expression. (Evaluation never fails with a status: a
// CEL runtime error is a value, see value.hpp.)
enum class errc {
  ok = 0,
  syntax = 1,           // the text is not a CEL expression
  too_large = 2,        // longer than options::max_expression_bytes or max_nodes
  too_deep = 3,         // nesting beyond options::max_parse_depth
  bad_literal = 4,      // a malformed number, string or bytes literal
  reserved_word = 5,    // a reserved identifier such as `if` or `package`
  bad_macro = 7,        // a macro called with the wrong arguments
  bad_regex = 8,        // a literal pattern RE2 rejects
  regex_too_large = 9,  // a literal pattern above options::max_regex_program_size
};

const boost::system::error_category& cel_category() noexcept;

inline error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), cel_category()};
}

// A compile failure with the place it was found.
struct compile_error {
  error_code code;
  std::size_t offset = 0;  // byte offset into the expression
  std::string detail;

  // "line:column: message".
  std::string message(std::string_view source) const;
  // The message followed by the offending line and a caret under the column.
  std::string describe(std::string_view source) const;
};

// Lets boost::system::result<T, compile_error>::value() throw a readable exception.
[[noreturn]] void throw_exception_from_error(const compile_error& e,
                                             const boost::source_location& loc);

}  // namespace mcpgate::cel

template <>
struct boost::system::is_error_code_enum<mcpgate::cel::errc> : std::true_type {};
