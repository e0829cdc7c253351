#include "cel/error.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <stdexcept>

namespace mcpgate::cel {

namespace {

class cel_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.cel"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "success";
      case errc::syntax:
        return "syntax error";
      case errc::too_large:
        return "expression too large";
      case errc::too_deep:
        return "expression nested too deeply";
      case errc::bad_literal:
        return "invalid literal";
      case errc::reserved_word:
        return "reserved identifier";
      case errc::bad_macro:
        return "invalid macro call";
      case errc::bad_regex:
        return "invalid regular expression";
      case errc::regex_too_large:
        return "regular expression too large";
    }
    return "unknown cel error";
  }
};

struct line_col {
  std::size_t line = 1;
  std::size_t column = 1;  // in code points, 1-based
  std::size_t line_begin = 0;
};

line_col locate(std::string_view source, std::size_t offset) {
  line_col lc;
  offset = std::min(offset, source.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (source[i] == '\n') {
      ++lc.line;
      lc.column = 1;
      lc.line_begin = i + 1;
    } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace

const boost::system::error_category& cel_category() noexcept {
  static const cel_category_impl instance;
  return instance;
}

std::string compile_error::message(std::string_view source) const {
  const auto lc = locate(source, offset);
  std::string out = std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": ";
  out += code.message();
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

std::string compile_error::describe(std::string_view source) const {
  const auto lc = locate(source, offset);
  auto end = source.find('\n', lc.line_begin);
  if (end == std::string_view::npos) {
    end = source.size();
  }
  std::string out = message(source);
  out += "\n | ";
  out += source.substr(lc.line_begin, end - lc.line_begin);
  out += "\n | ";
  out.append(lc.column - 1, '.');
  out += '^';
  return out;
}

void throw_exception_from_error(const compile_error& e, const boost::source_location&) {
  throw std::runtime_error("CEL compile error: " + e.code.message() + ": " + e.detail);
}

}  // namespace mcpgate::cel
