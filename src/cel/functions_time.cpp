// Timestamp and duration accessors (getFullYear, getHours, ...). Time zones: UTC and fixed
// offsets such as "+05:30"; IANA zone names need tzdata, which the engine does not carry.
#include "cel/library.hpp"

#include <charconv>
#include <string>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

struct civil {
  std::int64_t year;
  unsigned month;            // 1..12
  unsigned day;              // 1..31
  std::int64_t day_of_year;  // 0-based
  unsigned weekday;          // 0 = Sunday
  std::int64_t seconds_of_day;
};

civil to_civil(std::int64_t secs) {
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  civil c{};
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2);
  // Day of year from March-based doy.
  const bool leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
  c.day_of_year = c.month >= 3 ? doy + 59 + (leap ? 1 : 0) : doy - 306;
  c.weekday = static_cast<unsigned>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  c.seconds_of_day = rem;
  return c;
}

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
