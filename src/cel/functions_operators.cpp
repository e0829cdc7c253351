// Arithmetic, comparison, membership and index operators.
#include "cel/library.hpp"
#include "cel/time.hpp"
#include "cel/value_ops.hpp"

#include <cmath>
#include <limits>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

value overflow() {
  return value::static_error("integer overflow");
}

bool both(args_t a, kind k) {
  return a[0].is(k) && a[1].is(k);
}

value concat_sequence(args_t a, const options& opts) {
  if (a[0].as_string().size() + a[1].as_string().size() > opts.max_value_bytes) {
    return value::static_error("value size budget exceeded");
  }
  std::string s;
  s.reserve(a[0].as_string().size() + a[1].as_string().size());
  s += a[0].as_string();
  s += a[1].as_string();
  return a[0].is(kind::string_type) ? value::string(std::move(s)) : value::bytes(std::move(s));
}

value concat_lists(args_t a, const options& opts) {
  const std::size_t n = a[0].list_size() + a[1].list_size();
  if (n * sizeof(value) > opts.max_value_bytes) {
    return value::static_error("value size budget exceeded");
  }
  if (a[1].list_size() == 0) {
    return a[0];
  }
  if (a[0].list_size() == 0) {
    return a[1];
  }
  list_data items;
  items.reserve(n);
  for (const auto& l : {a[0], a[1]}) {
    for (std::size_t i = 0; i < l.list_size(); ++i) {
      items.push_back(l.list_at(i));
    }
  }
  return value::list(std::move(items));
}

value add(args_t a, const node&, const options& opts) {
  if (both(a, kind::int_type)) {
    std::int64_t r = 0;
    return __builtin_add_overflow(a[0].as_int(), a[1].as_int(), &r) ? overflow()
                                                                    : value::integer(r);
  }
  if (both(a, kind::uint_type)) {
    std::uint64_t r = 0;
    return __builtin_add_overflow(a[0].as_uint(), a[1].as_uint(), &r) ? overflow()
                                                                      : value::uinteger(r);
  }
  if (both(a, kind::double_type)) {
    return value::floating(a[0].as_double() + a[1].as_double());
  }
  if (both(a, kind::string_type) || both(a, kind::bytes_type)) {
    return concat_sequence(a, opts);
  }
  if (both(a, kind::list_type)) {
    return concat_lists(a, opts);
  }
  if (auto t = time_add(a[0], a[1])) {
    return *t;
  }
  return no_overload("_+_");
}

value subtract(args_t a, const node&, const options&) {
  if (both(a, kind::int_type)) {
    std::int64_t r = 0;
    return __builtin_sub_overflow(a[0].as_int(), a[1].as_int(), &r) ? overflow()
                                                                    : value::integer(r);
  }
  if (both(a, kind::uint_type)) {
    std::uint64_t r = 0;
    return __builtin_sub_overflow(a[0].as_uint(), a[1].as_uint(), &r) ? overflow()
                                                                      : value::uinteger(r);
  }
  if (both(a, kind::double_type)) {
    return value::floating(a[0].as_double() - a[1].as_double());
  }
  if (auto t = time_subtract(a[0], a[1])) {
    return *t;
  }
  return no_overload("_-_");
}

value multiply(args_t a, const node&, const options&) {
  if (both(a, kind::int_type)) {
    std::int64_t r = 0;
    return __builtin_mul_overflow(a[0].as_int(), a[1].as_int(), &r) ? overflow()
                                                                    : value::integer(r);
  }
  if (both(a, kind::uint_type)) {
    std::uint64_t r = 0;
    return __builtin_mul_overflow(a[0].as_uint(), a[1].as_uint(), &r) ? overflow()
                                                                      : value::uinteger(r);
  }
  if (both(a, kind::double_type)) {
    return value::floating(a[0].as_double() * a[1].as_double());
  }
  return no_overload("_*_");
}

value divide(args_t a, const node&, const options&) {
  if (both(a, kind::int_type)) {
    if (a[1].as_int() == 0) {
      return value::static_error("division by zero");
    }
    if (a[0].as_int() == std::numeric_limits<std::int64_t>::min() && a[1].as_int() == -1) {
      return overflow();
    }
    return value::integer(a[0].as_int() / a[1].as_int());
  }
  if (both(a, kind::uint_type)) {
    if (a[1].as_uint() == 0) {
      return value::static_error("division by zero");
    }
    return value::uinteger(a[0].as_uint() / a[1].as_uint());
  }
  if (both(a, kind::double_type)) {
    return value::floating(a[0].as_double() / a[1].as_double());
  }
  return no_overload("_/_");
}

value modulo(args_t a, const node&, const options&) {
  if (both(a, kind::int_type)) {
    if (a[1].as_int() == 0) {
      return value::static_error("modulus by zero");
    }
    if (a[0].as_int() == std::numeric_limits<std::int64_t>::min() && a[1].as_int() == -1) {
      return overflow();
    }
    return value::integer(a[0].as_int() % a[1].as_int());
  }
  if (both(a, kind::uint_type)) {
    if (a[1].as_uint() == 0) {
      return value::static_error("modulus by zero");
    }
    return value::uinteger(a[0].as_uint() % a[1].as_uint());
  }
  return no_overload("_%_");
}

value negate(args_t a, const node&, const options&) {
  if (a[0].is(kind::int_type)) {
    if (a[0].as_int() == std::numeric_limits<std::int64_t>::min()) {
      return overflow();
    }
    return value::integer(-a[0].as_int());
  }
  if (a[0].is(kind::double_type)) {
    return value::floating(-a[0].as_double());
  }
  if (a[0].is(kind::duration_type)) {
    return time_negate(a[0]);
  }
  return no_overload("-_");
}

value logical_not(args_t a, const node&, const options&) {
  if (a[0].is(kind::bool_type)) {
    return value::boolean(!a[0].as_bool());
  }
  return no_overload("!_");
}

value equals(args_t a, const node&, const options&) {
  return value::boolean(equal(a[0], a[1]));
}
value not_equals(args_t a, const node&, const options&) {
  return value::boolean(!equal(a[0], a[1]));
}

template <bool Less, bool OrEqual>
value relation(args_t a, const node& call, const options&) {
  switch (compare(a[0], a[1])) {
    case order::less:
      return value::boolean(Less);
    case order::greater:
      return value::boolean(!Less);
    case order::equal:
      return value::boolean(OrEqual);
    case order::unordered:
      return value::boolean(false);
    case order::no_overload:
      break;
  }
  return no_overload(call.name);
}

value in(args_t a, const node&, const options&) {
  const value& container = a[1];
  if (container.is(kind::list_type)) {
    for (std::size_t i = 0; i < container.list_size(); ++i) {
      if (equal(container.list_at(i), a[0])) {
        return value::boolean(true);
      }
    }
    return value::boolean(false);
  }
  if (container.is(kind::map_type)) {
    return value::boolean(container.map_find(a[0]).has_value());
  }
  return no_overload("@in");
}

// A list index: an int, a uint, or a double with an integral value.
std::optional<std::int64_t> list_index(const value& i) {
  if (i.is(kind::int_type)) {
    return i.as_int();
  }
  if (i.is(kind::uint_type)) {
    if (i.as_uint() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::numeric_limits<std::int64_t>::max();
    }
    return static_cast<std::int64_t>(i.as_uint());
  }
  if (i.is(kind::double_type)) {
    const double d = i.as_double();
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

value index(args_t a, const node&, const options&) {
  const value& c = a[0];
  if (c.is(kind::list_type)) {
    const auto i = list_index(a[1]);
    if (!i) {
      return no_overload("_[_]");
    }
    if (*i < 0 || static_cast<std::uint64_t>(*i) >= c.list_size()) {
      return value::error("index out of range: " + std::to_string(*i));
    }
    return c.list_at(static_cast<std::size_t>(*i));
  }
  if (c.is(kind::map_type)) {
    const value& k = a[1];
    const bool key_type = k.is(kind::string_type) || k.is(kind::int_type) ||
                          k.is(kind::uint_type) || k.is(kind::bool_type) || k.is(kind::double_type);
    if (!key_type) {
      return no_overload("_[_]");
    }
    auto found = c.map_find(k);
    if (!found) {
      return value::error("no such key: " + (k.is(kind::string_type)
                                                 ? std::string{k.as_string()}
                                                 : std::string{"(non-string)"}));
    }
    return std::move(*found);
  }
  return no_overload("_[_]");
}

}  // namespace

void add_operator_functions(std::vector<function_entry>& out) {
  out.push_back({"_+_", true, false, true, add});
  out.push_back({"_-_", true, false, true, subtract});
  out.push_back({"_*_", true, false, true, multiply});
  out.push_back({"_/_", true, false, true, divide});
  out.push_back({"_%_", true, false, true, modulo});
  out.push_back({"-_", true, false, true, negate});
  out.push_back({"!_", true, false, true, logical_not});
  out.push_back({"_==_", true, false, true, equals});
  out.push_back({"_!=_", true, false, true, not_equals});
  out.push_back({"_<_", true, false, true, relation<true, false>});
  out.push_back({"_<=_", true, false, true, relation<true, true>});
  out.push_back({"_>_", true, false, true, relation<false, false>});
  out.push_back({"_>=_", true, false, true, relation<false, true>});
  out.push_back({"@in", true, false, true, in});
  out.push_back({"_[_]", true, false, true, index});
}

}  // namespace mcpgate::cel
