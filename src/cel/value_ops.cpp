#include "cel/value_ops.hpp"

#include "cel/numeric.hpp"

namespace mcpgate::cel {

namespace {

order from_int(std::optional<int> c) noexcept {
  if (!c) {
    return order::unordered;
  }
  return *c < 0 ? order::less : (*c > 0 ? order::greater : order::equal);
}

template <class T>
order three_way(const T& a, const T& b) noexcept {
  return a < b ? order::less : (b < a ? order::greater : order::equal);
}

bool is_number(const value& v) noexcept {
  return v.is(kind::int_type) || v.is(kind::uint_type) || v.is(kind::double_type);
}

order compare_numbers(const value& a, const value& b) noexcept {
  switch (a.type_of()) {
    case kind::int_type:
      switch (b.type_of()) {
        case kind::int_type:
          return three_way(a.as_int(), b.as_int());
        case kind::uint_type:
          return from_int(compare_int_uint(a.as_int(), b.as_uint()));
        default: {
          const auto c = compare_double_int(b.as_double(), a.as_int());
          return c ? from_int(-*c) : order::unordered;
        }
      }
    case kind::uint_type:
      switch (b.type_of()) {
        case kind::int_type:
          return from_int(-compare_int_uint(b.as_int(), a.as_uint()));
        case kind::uint_type:
          return three_way(a.as_uint(), b.as_uint());
        default: {
          const auto c = compare_double_uint(b.as_double(), a.as_uint());
          return c ? from_int(-*c) : order::unordered;
        }
      }
    default:
      switch (b.type_of()) {
        case kind::int_type:
          return from_int(compare_double_int(a.as_double(), b.as_int()));
        case kind::uint_type:
          return from_int(compare_double_uint(a.as_double(), b.as_uint()));
        default:
          return from_int(compare_double(a.as_double(), b.as_double()));
      }
  }
}

bool lists_equal(const value& a, const value& b) noexcept {
  const std::size_t n = a.list_size();
  if (n != b.list_size()) {
    return false;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!equal(a.list_at(i), b.list_at(i))) {
      return false;
    }
  }
  return true;
}

bool maps_equal(const value& a, const value& b) noexcept {
  const std::size_t n = a.map_size();
  if (n != b.map_size()) {
    return false;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto other = b.map_find(a.map_key_at(i));
    if (!other || !equal(a.map_value_at(i), *other)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool equal(const value& a, const value& b) noexcept {
  if (is_number(a) && is_number(b)) {
    return compare_numbers(a, b) == order::equal;
  }
  if (a.type_of() != b.type_of()) {
    return false;
  }
  switch (a.type_of()) {
    case kind::null_type:
      return true;
    case kind::bool_type:
      return a.as_bool() == b.as_bool();
    case kind::string_type:
    case kind::bytes_type:
    case kind::type_type:
      return a.as_string() == b.as_string();
    case kind::list_type:
      return lists_equal(a, b);
    case kind::map_type:
      return maps_equal(a, b);
    case kind::timestamp_type:
    case kind::duration_type:
      return a.seconds() == b.seconds() && a.nanos() == b.nanos();
    default:
      return false;
  }
}

order compare(const value& a, const value& b) noexcept {
  if (is_number(a) && is_number(b)) {
    return compare_numbers(a, b);
  }
  if (a.type_of() != b.type_of()) {
    return order::no_overload;
  }
  switch (a.type_of()) {
    case kind::bool_type:
      return three_way(a.as_bool(), b.as_bool());
    case kind::string_type:
    case kind::bytes_type:
      // Byte-wise order of UTF-8 equals code point order.
      return three_way(a.as_string(), b.as_string());
    case kind::timestamp_type:
    case kind::duration_type: {
      const auto s = three_way(a.seconds(), b.seconds());
      return s != order::equal ? s : three_way(a.nanos(), b.nanos());
    }
    default:
      return order::no_overload;
  }
}

}  // namespace mcpgate::cel
