#pragma once

#include <string>

namespace mcpgate::cel {

// A double as CEL implementations print it (Go's strconv 'g' with the shortest round-trip
// digits): 123.456, -0.0045, 1e+06, NaN, +Inf.
std::string format_double(double d);

}  // namespace mcpgate::cel
