#pragma once

#include "cel/value.hpp"

#include <optional>

namespace mcpgate::cel {

// CEL equality: numbers compare across int, uint and double by value; lists and maps compare
// element-wise (maps regardless of order); values of unrelated types are unequal. NaN is unequal
// to everything. Neither operand may be an error.
bool equal(const value& a, const value& b) noexcept;

// Ordering for <, <=, >, >=.
enum class order { less, equal, greater, unordered /* NaN */, no_overload };
order compare(const value& a, const value& b) noexcept;

}  // namespace mcpgate::cel
