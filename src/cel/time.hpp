#pragma once

#include "cel/value.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::cel {

// google.protobuf.Timestamp and Duration semantics: timestamps span years 0001..9999 UTC,
// durations +-10000 years; leaving either range is an error value.

// A count of seconds since 1970-01-01T00:00:00Z as a proleptic Gregorian UTC date and time.
struct civil {
  std::int64_t year;
  unsigned month;            // 1..12
  unsigned day;              // 1..31
  std::int64_t day_of_year;  // 0-based
  unsigned weekday;          // 0 = Sunday
  std::int64_t seconds_of_day;
};
civil to_civil(std::int64_t secs);

value make_timestamp(std::int64_t seconds, std::int64_t nanos);
value make_duration(std::int64_t seconds, std::int64_t nanos);

// RFC 3339 text ("2004-09-16T23:59:59Z", offsets and fractions allowed).
value parse_timestamp(std::string_view text);
// Go duration text: "1h30m", "-1.5s", "100ms", "3us", "5ns".
value parse_duration(std::string_view text);
std::string format_timestamp(const value& ts);
std::string format_duration(const value& d);

// Operators on times; nullopt when the operand types are not time types.
std::optional<value> time_add(const value& a, const value& b);
std::optional<value> time_subtract(const value& a, const value& b);
value time_negate(const value& d);

}  // namespace mcpgate::cel
