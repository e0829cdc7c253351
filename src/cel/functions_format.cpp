// The strings extension's format(): "%s is %d".format([a, b]) with the verbs %s %d %f %e %b %o
// %x %X and %%, and an optional precision for %f and %e, following cel-go's output.
#include "cel/library.hpp"
#include "cel/number_format.hpp"
#include "cel/time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

std::string double_text(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "Infinity" : "-Infinity";
  }
  return format_double(d);
}

// %s: any value, lists and maps recursively (map entries sorted by their rendered key).
std::optional<std::string> as_text(const value& v) {
  switch (v.type_of()) {
    case kind::null_type:
      return "null";
    case kind::bool_type:
      return v.as_bool() ? "true" : "false";
    case kind::int_type:
      return std::to_string(v.as_int());
    case kind::uint_type:
      return std::to_string(v.as_uint());
    case kind::double_type:
      return double_text(v.as_double());
    case kind::string_type:
    case kind::bytes_type:
    case kind::type_type:
      return std::string{v.as_string()};
    case kind::timestamp_type:
      return format_timestamp(v);
    case kind::duration_type:
      return format_duration(v);
    case kind::list_type: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.list_size(); ++i) {
        auto item = as_text(v.list_at(i));
        if (!item) {
          return std::nullopt;
        }
        out += (i > 0 ? ", " : "") + *item;
      }
      return out + "]";
    }
    case kind::map_type: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (std::size_t i = 0; i < v.map_size(); ++i) {
        auto k = as_text(v.map_key_at(i));
        auto val = as_text(v.map_value_at(i));
        if (!k || !val) {
          return std::nullopt;
        }
        entries.emplace_back(std::move(*k), std::move(*val));
      }
      std::sort(entries.begin(), entries.end());
      std::string out = "{";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i > 0 ? ", " : "") + entries[i].first + ": " + entries[i].second;
      }
      return out + "}";
    }
    default:
      return std::nullopt;
  }
}

std::string in_base(std::uint64_t u, unsigned base, bool upper) {
  if (u == 0) {
    return "0";
  }
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  while (u != 0) {
    out += digits[u % base];
    u /= base;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<std::string> integer_in_base(const value& v, unsigned base, bool upper) {
  if (v.is(kind::int_type)) {
    const std::int64_t i = v.as_int();
    const std::uint64_t mag =
        i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
    return (i < 0 ? "-" : "") + in_base(mag, base, upper);
  }
  if (v.is(kind::uint_type)) {
    return in_base(v.as_uint(), base, upper);
  }
  return std::nullopt;
}

std::optional<double> as_number(const value& v) {
  switch (v.type_of()) {
    case kind::int_type:
      return static_cast<double>(v.as_int());
    case kind::uint_type:
      return static_cast<double>(v.as_uint());
    case kind::double_type:
      return v.as_double();
    default:
      return std::nullopt;
  }
}

std::optional<std::string> apply_verb(char verb, int precision, const value& v) {
  switch (verb) {
    case 's':
      return as_text(v);
    case 'd':
      if (v.is(kind::double_type) && !std::isfinite(v.as_double())) {
        return double_text(v.as_double());
      }
      return integer_in_base(v, 10, false);
    case 'f':
    case 'e': {
      const auto d = as_number(v);
      if (!d) {
        return std::nullopt;
      }
      if (!std::isfinite(*d)) {
        return double_text(*d);
      }
      char buf[512];
      std::snprintf(buf, sizeof buf, verb == 'f' ? "%.*f" : "%.*e", precision < 0 ? 6 : precision,
                    *d);
      return std::string{buf};
    }
    case 'b':
      if (v.is(kind::bool_type)) {
        return v.as_bool() ? "1" : "0";
      }
      return integer_in_base(v, 2, false);
    case 'o':
      return integer_in_base(v, 8, false);
    case 'x':
    case 'X': {
      const bool upper = verb == 'X';
      if (v.is(kind::string_type) || v.is(kind::bytes_type)) {
        std::string out;
        for (unsigned char c : v.as_string()) {
          out += in_base(c >> 4, 16, upper);
          out += in_base(c & 0xF, 16, upper);
        }
        return out;
      }
      return integer_in_base(v, 16, upper);
    }
    default:
      return std::nullopt;
  }
}

value format(args_t a, const node&, const options& opts) {
  if (a.size() != 2 || !a[0].is(kind::string_type) || !a[1].is(kind::list_type)) {
    return no_overload("format");
  }
  const auto fmt = a[0].as_string();
  const value& list = a[1];
  std::string out;
  std::size_t next_arg = 0;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    if (++i >= fmt.size()) {
      return value::static_error("format: trailing '%'");
    }
    if (fmt[i] == '%') {
      out += '%';
      continue;
    }
    int precision = -1;
    if (fmt[i] == '.') {
      precision = 0;
      while (++i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && precision < 100) {
        precision = precision * 10 + (fmt[i] - '0');
      }
      if (i >= fmt.size()) {
        return value::static_error("format: missing verb after precision");
      }
    }
    if (next_arg >= list.list_size()) {
      return value::static_error("format: not enough arguments");
    }
    auto text = apply_verb(fmt[i], precision, list.list_at(next_arg++));
    if (!text) {
      return value::error(std::string{"format: invalid argument for %"} + fmt[i]);
    }
    out += *text;
    if (out.size() > opts.max_value_bytes) {
      return value::static_error("value size budget exceeded");
    }
  }
  return value::string(std::move(out));
}

}  // namespace

void add_format_function(std::vector<function_entry>& out) {
  out.push_back({"format", false, true, true, format});
}

}  // namespace mcpgate::cel
