// Type conversions: int, uint, double, string, bytes, bool, dyn, type, timestamp, duration.
#include "cel/library.hpp"
#include "cel/number_format.hpp"
#include "cel/time.hpp"
#include "cel/utf8.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

value range_error() {
  return value::static_error("conversion out of range");
}

template <class T>
std::optional<T> parse_integer(std::string_view s) {
  T v{};
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return v;
}

value to_int(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("int");
  }
  const value& v = a[0];
  switch (v.type_of()) {
    case kind::int_type:
      return v;
    case kind::uint_type:
      if (v.as_uint() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return range_error();
      }
      return value::integer(static_cast<std::int64_t>(v.as_uint()));
    case kind::double_type: {
      const double d = v.as_double();
      // The open range (-2^63, 2^63), as cel-go checks it.
      if (!std::isfinite(d) || d <= -9223372036854775808.0 || d >= 9223372036854775808.0) {
        return range_error();
      }
      return value::integer(static_cast<std::int64_t>(d));
    }
    case kind::string_type: {
      const auto r = parse_integer<std::int64_t>(v.as_string());
      return r ? value::integer(*r) : value::static_error("invalid integer text");
    }
    case kind::timestamp_type:
      return value::integer(v.seconds());
    default:
      return no_overload("int");
  }
}

value to_uint(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("uint");
  }
  const value& v = a[0];
  switch (v.type_of()) {
    case kind::uint_type:
      return v;
    case kind::int_type:
      if (v.as_int() < 0) {
        return range_error();
      }
      return value::uinteger(static_cast<std::uint64_t>(v.as_int()));
    case kind::double_type: {
      const double d = v.as_double();
      if (!std::isfinite(d) || d <= -1.0 || d >= 18446744073709551616.0) {
        return range_error();
      }
      return value::uinteger(static_cast<std::uint64_t>(d));
    }
    case kind::string_type: {
      const auto r = parse_integer<std::uint64_t>(v.as_string());
      return r ? value::uinteger(*r) : value::static_error("invalid unsigned integer text");
    }
    default:
      return no_overload("uint");
  }
}

value to_double(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("double");
  }
  const value& v = a[0];
  switch (v.type_of()) {
    case kind::double_type:
      return v;
    case kind::int_type:
      return value::floating(static_cast<double>(v.as_int()));
    case kind::uint_type:
      return value::floating(static_cast<double>(v.as_uint()));
    case kind::string_type: {
      const std::string s{v.as_string()};
      if (s.empty() || std::isspace(static_cast<unsigned char>(s[0])) != 0) {
        return value::static_error("invalid double text");
      }
      char* end = nullptr;
      const double d = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size()) {
        return value::static_error("invalid double text");
      }
      return value::floating(d);
    }
    default:
      return no_overload("double");
  }
}

value to_string(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("string");
  }
  const value& v = a[0];
  switch (v.type_of()) {
    case kind::string_type:
      return v;
    case kind::int_type:
      return value::string(std::to_string(v.as_int()));
    case kind::uint_type:
      return value::string(std::to_string(v.as_uint()));
    case kind::double_type:
      return value::string(format_double(v.as_double()));
    case kind::bool_type:
      return value::borrowed_string(v.as_bool() ? "true" : "false");
    case kind::bytes_type:
      if (!utf8::valid(v.as_string())) {
        return value::static_error("invalid UTF-8 in bytes");
      }
      return value::string(std::string{v.as_string()});
    case kind::timestamp_type:
      return value::string(format_timestamp(v));
    case kind::duration_type:
      return value::string(format_duration(v));
    default:
      return no_overload("string");
  }
}

value to_bytes(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("bytes");
  }
  if (a[0].is(kind::bytes_type)) {
    return a[0];
  }
  if (a[0].is(kind::string_type)) {
    return value::bytes(std::string{a[0].as_string()});
  }
  return no_overload("bytes");
}

value to_bool(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("bool");
  }
  if (a[0].is(kind::bool_type)) {
    return a[0];
  }
  if (a[0].is(kind::string_type)) {
    // The spellings Go's strconv.ParseBool accepts, as cel-go does.
    const auto s = a[0].as_string();
    if (s == "true" || s == "TRUE" || s == "True" || s == "t" || s == "T" || s == "1") {
      return value::boolean(true);
    }
    if (s == "false" || s == "FALSE" || s == "False" || s == "f" || s == "F" || s == "0") {
      return value::boolean(false);
    }
    return value::static_error("invalid bool text");
  }
  return no_overload("bool");
}

value dyn(args_t a, const node&, const options&) {
  return a.size() == 1 ? a[0] : no_overload("dyn");
}

value type_of(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("type");
  }
  return value::type(kind_name(a[0].type_of()));
}

value to_timestamp(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("timestamp");
  }
  switch (a[0].type_of()) {
    case kind::timestamp_type:
      return a[0];
    case kind::int_type:
      return make_timestamp(a[0].as_int(), 0);
    case kind::string_type:
      return parse_timestamp(a[0].as_string());
    default:
      return no_overload("timestamp");
  }
}

value to_duration(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("duration");
  }
  switch (a[0].type_of()) {
    case kind::duration_type:
      return a[0];
    case kind::int_type:
      return make_duration(a[0].as_int(), 0);
    case kind::string_type:
      return parse_duration(a[0].as_string());
    default:
      return no_overload("duration");
  }
}

}  // namespace

void add_conversion_functions(std::vector<function_entry>& out) {
  out.push_back({"int", true, false, true, to_int});
  out.push_back({"uint", true, false, true, to_uint});
  out.push_back({"double", true, false, true, to_double});
  out.push_back({"string", true, false, true, to_string});
  out.push_back({"bytes", true, false, true, to_bytes});
  out.push_back({"bool", true, false, true, to_bool});
  out.push_back({"dyn", true, false, true, dyn});
  out.push_back({"type", true, false, true, type_of});
  out.push_back({"timestamp", true, false, true, to_timestamp});
  out.push_back({"duration", true, false, true, to_duration});
}

}  // namespace mcpgate::cel
