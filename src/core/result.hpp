#pragma once

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

namespace mcpgate {

using boost::system::error_code;

// The request path reports failures as values, never as exceptions (STYLE.md, habit 1).
template <class T, class E = error_code>
using result = boost::system::result<T, E>;

}  // namespace mcpgate
