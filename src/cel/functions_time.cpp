// Timestamp and duration accessors (getFullYear, getHours, ...). Time zones: UTC and fixed
// offsets such as "+05:30"; IANA zone names need tzdata, which the engine does not carry.
#include "cel/library.hpp"
#include "cel/time.hpp"

#include <charconv>
#include <string>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

// Offset in seconds for a zone argument; nullopt for zones we cannot resolve.
std::optional<std::int64_t> zone_offset(std::string_view tz) {
  if (tz == "UTC" || tz == "Z" || tz == "Etc/UTC" || tz == "GMT") {
    return 0;
  }
  if (tz.size() == 5 && tz[2] == ':') {
    return zone_offset("+" + std::string{tz});
  }
  if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
    int h = 0;
    int m = 0;
    if (std::from_chars(tz.data() + 1, tz.data() + 3, h).ec != std::errc{} ||
        std::from_chars(tz.data() + 4, tz.data() + 6, m).ec != std::errc{}) {
      return std::nullopt;
    }
    return (h * 3600 + m * 60) * (tz[0] == '-' ? -1 : 1);
  }
  return std::nullopt;
}

enum class field {
  year,
  month,
  date,
  day_of_month,
  day_of_week,
  day_of_year,
  hours,
  minutes,
  seconds,
  milliseconds
};

template <field F>
value accessor(args_t a, const node& call, const options&) {
  if (a.empty() || a.size() > 2) {
    return no_overload(call.name);
  }
  if (a[0].is(kind::duration_type) && a.size() == 1) {
    const std::int64_t s = a[0].seconds();
    switch (F) {
      case field::hours:
        return value::integer(s / 3600);
      case field::minutes:
        return value::integer(s / 60);
      case field::seconds:
        return value::integer(s);
      case field::milliseconds:
        return value::integer(a[0].nanos() / 1'000'000);
      default:
        return no_overload(call.name);
    }
  }
  if (!a[0].is(kind::timestamp_type)) {
    return no_overload(call.name);
  }
  std::int64_t offset = 0;
  if (a.size() == 2) {
    if (!a[1].is(kind::string_type)) {
      return no_overload(call.name);
    }
    const auto o = zone_offset(a[1].as_string());
    if (!o) {
      return value::error("unknown time zone: " + std::string{a[1].as_string()});
    }
    offset = *o;
  }
  const civil c = to_civil(a[0].seconds() + offset);
  switch (F) {
    case field::year:
      return value::integer(c.year);
    case field::month:
      return value::integer(c.month - 1);
    case field::date:
      return value::integer(c.day);
    case field::day_of_month:
      return value::integer(c.day - 1);
    case field::day_of_week:
      return value::integer(c.weekday);
    case field::day_of_year:
      return value::integer(c.day_of_year);
    case field::hours:
      return value::integer(c.seconds_of_day / 3600);
    case field::minutes:
      return value::integer(c.seconds_of_day / 60 % 60);
    case field::seconds:
      return value::integer(c.seconds_of_day % 60);
    case field::milliseconds:
      return value::integer(a[0].nanos() / 1'000'000);
  }
  return no_overload(call.name);
}

}  // namespace

void add_time_functions(std::vector<function_entry>& out) {
  out.push_back({"getFullYear", false, true, true, accessor<field::year>});
  out.push_back({"getMonth", false, true, true, accessor<field::month>});
  out.push_back({"getDate", false, true, true, accessor<field::date>});
  out.push_back({"getDayOfMonth", false, true, true, accessor<field::day_of_month>});
  out.push_back({"getDayOfWeek", false, true, true, accessor<field::day_of_week>});
  out.push_back({"getDayOfYear", false, true, true, accessor<field::day_of_year>});
  out.push_back({"getHours", false, true, true, accessor<field::hours>});
  out.push_back({"getMinutes", false, true, true, accessor<field::minutes>});
  out.push_back({"getSeconds", false, true, true, accessor<field::seconds>});
  out.push_back({"getMilliseconds", false, true, true, accessor<field::milliseconds>});
}

}  // namespace mcpgate::cel
