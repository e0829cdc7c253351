#pragma once

#include <boost/core/detail/string_view.hpp>

#include <string_view>

namespace mcpgate::issuer {

// Boost.URL 1.81 takes boost::core::string_view: convert explicitly, length included, rather than
// through whichever implicit conversion overload resolution picks.
inline boost::core::string_view url_view_of(std::string_view s) noexcept {
  return {s.data(), s.size()};
}

}  // namespace mcpgate::issuer
