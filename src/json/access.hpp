#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace mcpgate::json {

// Typed member lookups that never throw: each returns null/nullopt when the member is missing or
// has another type.
const boost::json::string* find_string(const boost::json::object& obj,
                                       std::string_view key) noexcept;
const boost::json::object* find_object(const boost::json::object& obj,
                                       std::string_view key) noexcept;
const boost::json::array* find_array(const boost::json::object& obj, std::string_view key) noexcept;
std::optional<bool> find_bool(const boost::json::object& obj, std::string_view key) noexcept;

// An integral JSON number (int64, or uint64 that fits); a double or other type gives nullopt.
std::optional<std::int64_t> find_int64(const boost::json::object& obj,
                                       std::string_view key) noexcept;

// Any JSON number as a double.
std::optional<double> find_number(const boost::json::object& obj, std::string_view key) noexcept;

inline std::string_view view(const boost::json::string& s) noexcept {
  return {s.data(), s.size()};
}

}  // namespace mcpgate::json
