#pragma once

#include "cel/value.hpp"

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace mcpgate::cel {

// Variables for one evaluation. Names and borrowed values are not copied: the caller keeps them
// alive while the activation is used. Up to `inline_capacity` bindings live inside the object,
// so binding a request's variables does not allocate.
class activation {
 public:
  static constexpr std::size_t inline_capacity = 8;

  // Binds (or rebinds) `name`. A qualified name such as "a.b.c" is allowed: CEL resolves
  // `a.b.c` in an expression against it before trying field selection on `a`.
  void bind(std::string_view name, value v);
  void clear() noexcept;

  const value* find(std::string_view name) const noexcept;
  // True when some bound name contains a '.', so the evaluator must try qualified readings.
  bool has_qualified_names() const noexcept { return qualified_; }

 private:
  struct binding {
    std::string_view name;
    value val;
  };

  std::array<binding, inline_capacity> inline_{};
  std::size_t size_ = 0;
  std::vector<binding> overflow_;
  bool qualified_ = false;
};

}  // namespace mcpgate::cel
