#include "json/access.hpp"

#include <limits>

namespace mcpgate::json {

namespace bj = boost::json;

namespace {

const bj::value* find(const bj::object& obj, std::string_view key) noexcept {
  return obj.if_contains(bj::string_view{key.data(), key.size()});
}

}  // namespace

const bj::string* find_string(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  return v ? v->if_string() : nullptr;
}

const bj::object* find_object(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  return v ? v->if_object() : nullptr;
}

const bj::array* find_array(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  return v ? v->if_array() : nullptr;
}

std::optional<bool> find_bool(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  if (v && v->is_bool()) {
    return v->get_bool();
  }
  return std::nullopt;
}

std::optional<std::int64_t> find_int64(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  if (!v) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->get_int64();
  }
  if (v->is_uint64() &&
      v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  return std::nullopt;
}

std::optional<double> find_number(const bj::object& obj, std::string_view key) noexcept {
  const bj::value* v = find(obj, key);
  if (!v) {
    return std::nullopt;
  }
  switch (v->kind()) {
    case bj::kind::int64:
      return static_cast<double>(v->get_int64());
    case bj::kind::uint64:
      return static_cast<double>(v->get_uint64());
    case bj::kind::double_:
      return v->get_double();
    default:
      return std::nullopt;
  }
}

}  // namespace mcpgate::json
