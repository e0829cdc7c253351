#pragma once

#include "cel/value.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace mcpgate::cel {

// The tagged JSON form of the conformance data and of `mcpgate policy eval`:
// {"int":"5"}, {"uint":"5"}, {"double":1.5}, {"string":"x"}, {"bytes_b64":"AP8="},
// {"bool":true}, {"null":null}, {"list":[...]}, {"map":[[k,v],...]}, {"type":"int"};
// an error value becomes {"error":"message"}.
boost::json::value to_tagged_json(const value& v);

// The reverse, building owned values; nullopt-like failure as an error value.
value from_tagged_json(const boost::json::value& j);

// A short CEL-like rendering for explanations and logs: true, 5, 5u, "text", [1, 2].
std::string to_display(const value& v);

}  // namespace mcpgate::cel
