#include "cel/number_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace mcpgate::cel {

std::string format_double(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "+Inf" : "-Inf";
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string sci{buf, r.ptr};
  const auto e = sci.find('e');
  const int exponent = std::atoi(sci.c_str() + e + 1);
  if (exponent < -4 || exponent >= 6) {
    std::string mantissa = sci.substr(0, e);
    std::string out = mantissa + "e" + (exponent < 0 ? "-" : "+");
    const int ax = std::abs(exponent);
    if (ax < 10) {
      out += '0';
    }
    return out + std::to_string(ax);
  }
  r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return {buf, r.ptr};
}

}  // namespace mcpgate::cel
