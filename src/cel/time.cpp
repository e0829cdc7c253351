#include "cel/time.hpp"

#include "cel/library.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

namespace mcpgate::cel {

namespace {

// Duration text is summed in 128 bits so overflow can be detected before the range check.
__extension__ typedef __int128 int128;

constexpr std::int64_t nanos_per_second = 1'000'000'000;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.
constexpr std::int64_t min_timestamp = -62135596800;
constexpr std::int64_t max_timestamp = 253402300799;
// Durations are int64 nanoseconds, as in cel-go (about 292 years either way).
constexpr std::int64_t max_duration = 9223372036;

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Normalises seconds + nanos so that 0 <= nanos < 1e9 (timestamps) or nanos has the sign of
// seconds (durations).
void normalise(std::int64_t& s, std::int64_t& n, bool duration) {
  s += n / nanos_per_second;
  n %= nanos_per_second;
  if (duration) {
    if (s > 0 && n < 0) {
      --s;
      n += nanos_per_second;
    } else if (s < 0 && n > 0) {
      ++s;
      n -= nanos_per_second;
    }
  } else if (n < 0) {
    --s;
    n += nanos_per_second;
  }
}

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) {
    return false;
  }
  out = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') {
      return false;
    }
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

value make_timestamp(std::int64_t seconds, std::int64_t nanos) {
  normalise(seconds, nanos, false);
  if (seconds < min_timestamp || seconds > max_timestamp) {
    return value::static_error("timestamp out of range");
  }
  return value::timestamp(seconds, static_cast<std::int32_t>(nanos));
}

value make_duration(std::int64_t seconds, std::int64_t nanos) {
  normalise(seconds, nanos, true);
  const int128 total = int128{seconds} * nanos_per_second + nanos;
  if (total > std::numeric_limits<std::int64_t>::max() ||
      total < std::numeric_limits<std::int64_t>::min()) {
    return value::static_error("duration out of range");
  }
  return value::duration(seconds, static_cast<std::int32_t>(nanos));
}

value parse_timestamp(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se) || mo < 1 ||
      mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) {
    return value::static_error("invalid timestamp");
  }
  std::size_t p = 19;
  std::int64_t nanos = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    int count = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      if (count < 9) {
        nanos = nanos * 10 + (s[p] - '0');
      }
      ++count;
      ++p;
    }
    if (count == 0) {
      return value::static_error("invalid timestamp");
    }
    for (; count < 9; ++count) {
      nanos *= 10;
    }
  }
  std::int64_t offset = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
    offset = 0;
  } else if (p + 6 == s.size() && (s[p] == '+' || s[p] == '-') && s[p + 3] == ':') {
    int oh = 0, om = 0;
    if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om)) {
      return value::static_error("invalid timestamp");
    }
    offset = (oh * 3600 + om * 60) * (s[p] == '-' ? -1 : 1);
  } else {
    return value::static_error("invalid timestamp");
  }
  const std::int64_t secs =
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
      mi * 60 + se - offset;
  return make_timestamp(secs, nanos);
}

value parse_duration(std::string_view s) {
  if (s.empty()) {
    return value::static_error("invalid duration");
  }
  bool negative = false;
  std::size_t p = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    ++p;
  }
  if (s.substr(p) == "0") {
    return value::duration(0, 0);
  }
  // Accumulate in nanoseconds with 128-bit headroom; the range check comes last.
  int128 total = 0;
  bool any = false;
  while (p < s.size()) {
    int128 whole = 0;
    int128 frac = 0;
    int128 scale = 1;
    const std::size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      whole = whole * 10 + (s[p++] - '0');
      // 2^80 ns is beyond any valid duration already, and 2^80 times the largest unit (an hour
      // in ns, < 2^42) still fits in 127 bits (fuzz/corpus/cel/duration-unit-overflow).
      if (whole > (int128{1} << 80)) {
        return value::static_error("duration out of range");
      }
    }
    if (p < s.size() && s[p] == '.') {
      ++p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (scale < 1'000'000'000'000'000'000) {
          frac = frac * 10 + (s[p] - '0');
          scale *= 10;
        }
        ++p;
      }
    }
    if (p == start) {
      return value::static_error("invalid duration");
    }
    std::int64_t unit = 0;
    const auto rest = s.substr(p);
    if (rest.starts_with("ns")) {
      unit = 1, p += 2;
    } else if (rest.starts_with("us") || rest.starts_with("\u00b5s")) {
      unit = 1000, p += rest.starts_with("us") ? 2 : 3;
    } else if (rest.starts_with("ms")) {
      unit = 1'000'000, p += 2;
    } else if (rest.starts_with("s")) {
      unit = nanos_per_second, p += 1;
    } else if (rest.starts_with("m")) {
      unit = 60 * nanos_per_second, p += 1;
    } else if (rest.starts_with("h")) {
      unit = 3600 * nanos_per_second, p += 1;
    } else {
      return value::static_error("invalid duration unit");
    }
    total += whole * unit + frac * unit / scale;
    any = true;
    if (total > (int128{max_duration + 1} * nanos_per_second)) {
      return value::static_error("duration out of range");
    }
  }
  if (!any) {
    return value::static_error("invalid duration");
  }
  if (negative) {
    total = -total;
  }
  return make_duration(static_cast<std::int64_t>(total / nanos_per_second),
                       static_cast<std::int64_t>(total % nanos_per_second));
}

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

std::string format_timestamp(const value& ts) {
  const civil c = to_civil(ts.seconds());
  const std::int64_t rem = c.seconds_of_day;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                static_cast<long long>(c.year), c.month, c.day, static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  std::string out = buf;
  if (ts.nanos() != 0) {
    std::snprintf(buf, sizeof buf, ".%09d", ts.nanos());
    std::string frac = buf;
    while (frac.back() == '0') {
      frac.pop_back();
    }
    out += frac;
  }
  return out + "Z";
}

std::string format_duration(const value& d) {
  std::int64_t s = d.seconds();
  std::int64_t n = d.nanos();
  std::string out;
  if (s < 0 || n < 0) {
    out += '-';
    s = -s;
    n = -n;
  }
  out += std::to_string(s);
  if (n != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(n));
    std::string frac = buf;
    while (frac.back() == '0') {
      frac.pop_back();
    }
    out += frac;
  }
  return out + "s";
}

std::optional<value> time_add(const value& a, const value& b) {
  if (a.is(kind::timestamp_type) && b.is(kind::duration_type)) {
    return make_timestamp(a.seconds() + b.seconds(), std::int64_t{a.nanos()} + b.nanos());
  }
  if (a.is(kind::duration_type) && b.is(kind::timestamp_type)) {
    return time_add(b, a);
  }
  if (a.is(kind::duration_type) && b.is(kind::duration_type)) {
    return make_duration(a.seconds() + b.seconds(), std::int64_t{a.nanos()} + b.nanos());
  }
  return std::nullopt;
}

std::optional<value> time_subtract(const value& a, const value& b) {
  if (a.is(kind::timestamp_type) && b.is(kind::timestamp_type)) {
    return make_duration(a.seconds() - b.seconds(), std::int64_t{a.nanos()} - b.nanos());
  }
  if (a.is(kind::timestamp_type) && b.is(kind::duration_type)) {
    return make_timestamp(a.seconds() - b.seconds(), std::int64_t{a.nanos()} - b.nanos());
  }
  if (a.is(kind::duration_type) && b.is(kind::duration_type)) {
    return make_duration(a.seconds() - b.seconds(), std::int64_t{a.nanos()} - b.nanos());
  }
  return std::nullopt;
}

value time_negate(const value& d) {
  return make_duration(-d.seconds(), -std::int64_t{d.nanos()});
}

}  // namespace mcpgate::cel
