#include "cel/value.hpp"

#include "cel/numeric.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <limits>

namespace mcpgate::cel {

std::string_view kind_name(kind k) noexcept {
  switch (k) {
    case kind::null_type:
      return "null_type";
    case kind::bool_type:
      return "bool";
    case kind::int_type:
      return "int";
    case kind::uint_type:
      return "uint";
    case kind::double_type:
      return "double";
    case kind::string_type:
      return "string";
    case kind::bytes_type:
      return "bytes";
    case kind::list_type:
      return "list";
    case kind::map_type:
      return "map";
    case kind::type_type:
      return "type";
    case kind::timestamp_type:
      return "google.protobuf.Timestamp";
    case kind::duration_type:
      return "google.protobuf.Duration";
    case kind::error_type:
      return "error";
  }
  return "unknown";
}

std::string_view find_type_name(std::string_view name) noexcept {
  for (auto k = static_cast<int>(kind::null_type); k <= static_cast<int>(kind::duration_type);
       ++k) {
    if (const auto known = kind_name(static_cast<kind>(k)); known == name) {
      return known;
    }
  }
  return {};
}

value value::boolean(bool b) noexcept {
  value v;
  v.kind_ = kind::bool_type;
  v.u_.b = b;
  return v;
}

value value::integer(std::int64_t i) noexcept {
  value v;
  v.kind_ = kind::int_type;
  v.u_.i = i;
  return v;
}

value value::uinteger(std::uint64_t u) noexcept {
  value v;
  v.kind_ = kind::uint_type;
  v.u_.u = u;
  return v;
}

value value::floating(double d) noexcept {
  value v;
  v.kind_ = kind::double_type;
  v.u_.d = d;
  return v;
}

value value::borrowed_string(std::string_view s) noexcept {
  value v;
  v.kind_ = kind::string_type;
  v.u_.s = s.data();
  v.n_ = s.size();
  return v;
}

value value::string(std::string s) {
  auto owned = std::make_shared<const std::string>(std::move(s));
  value v = borrowed_string(*owned);
  v.store_ = store::owned;
  v.keep_ = std::move(owned);
  return v;
}

value value::borrowed_bytes(std::string_view s) noexcept {
  value v = borrowed_string(s);
  v.kind_ = kind::bytes_type;
  return v;
}

value value::bytes(std::string s) {
  value v = string(std::move(s));
  v.kind_ = kind::bytes_type;
  return v;
}

value value::list(list_data items) {
  auto owned = std::make_shared<const list_data>(std::move(items));
  value v;
  v.kind_ = kind::list_type;
  v.store_ = store::owned;
  v.u_.lv = owned.get();
  v.n_ = owned->size();
  v.keep_ = std::move(owned);
  return v;
}

value value::map(map_data entries) {
  auto owned = std::make_shared<const map_data>(std::move(entries));
  value v;
  v.kind_ = kind::map_type;
  v.store_ = store::owned;
  v.u_.mv = owned.get();
  v.n_ = owned->size();
  v.keep_ = std::move(owned);
  return v;
}

value value::type(std::string_view name) noexcept {
  value v = borrowed_string(name);
  v.kind_ = kind::type_type;
  return v;
}

value value::timestamp(std::int64_t seconds, std::int32_t nanos) noexcept {
  value v;
  v.kind_ = kind::timestamp_type;
  v.u_.i = seconds;
  v.n_ = static_cast<std::size_t>(nanos);
  return v;
}

value value::duration(std::int64_t seconds, std::int32_t nanos) noexcept {
  value v = timestamp(seconds, nanos);
  v.kind_ = kind::duration_type;
  return v;
}

value value::error(std::string message) {
  value v = string(std::move(message));
  v.kind_ = kind::error_type;
  return v;
}

value value::static_error(std::string_view message) noexcept {
  value v = borrowed_string(message);
  v.kind_ = kind::error_type;
  return v;
}

value value::from_json(const boost::json::value& j) noexcept {
  switch (j.kind()) {
    case boost::json::kind::null:
      return null();
    case boost::json::kind::bool_:
      return boolean(j.get_bool());
    case boost::json::kind::int64:
      return integer(j.get_int64());
    case boost::json::kind::uint64: {
      const auto u = j.get_uint64();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return integer(static_cast<std::int64_t>(u));
      }
      return uinteger(u);
    }
    case boost::json::kind::double_:
      return floating(j.get_double());
    case boost::json::kind::string: {
      const auto& s = j.get_string();
      return borrowed_string({s.data(), s.size()});
    }
    case boost::json::kind::array:
      return json_list(j.get_array());
    case boost::json::kind::object:
      return json_map(j.get_object());
  }
  return null();
}

value value::json_list(const boost::json::array& a) noexcept {
  value v;
  v.kind_ = kind::list_type;
  v.store_ = store::json;
  v.u_.ja = &a;
  v.n_ = a.size();
  return v;
}

value value::json_map(const boost::json::object& o) noexcept {
  value v;
  v.kind_ = kind::map_type;
  v.store_ = store::json;
  v.u_.jo = &o;
  v.n_ = o.size();
  return v;
}

value value::borrowed_map(std::span<const borrowed_entry> entries) noexcept {
  value v;
  v.kind_ = kind::map_type;
  v.store_ = store::entries;
  v.u_.be = entries.data();
  v.n_ = entries.size();
  return v;
}

std::size_t value::list_size() const noexcept {
  return kind_ == kind::list_type ? n_ : 0;
}

value value::list_at(std::size_t i) const noexcept {
  if (store_ == store::json) {
    return from_json((*u_.ja)[i]);
  }
  return (*u_.lv)[i];
}

std::size_t value::map_size() const noexcept {
  return kind_ == kind::map_type ? n_ : 0;
}

value value::map_key_at(std::size_t i) const noexcept {
  switch (store_) {
    case store::json: {
      const auto k = u_.jo->begin()[i].key();
      return borrowed_string(k);
    }
    case store::entries:
      return borrowed_string(u_.be[i].key);
    default:
      return (*u_.mv)[i].first;
  }
}

value value::map_value_at(std::size_t i) const noexcept {
  switch (store_) {
    case store::json:
      return from_json(u_.jo->begin()[i].value());
    case store::entries:
      return u_.be[i].val;
    default:
      return (*u_.mv)[i].second;
  }
}

namespace {

// Map keys are bool, int, uint or string; a numeric lookup key finds an entry whose key is
// numerically equal (CEL's heterogeneous equality applies to keys too).
bool key_equal(const value& a, const value& b) noexcept {
  switch (a.type_of()) {
    case kind::string_type:
      return b.is(kind::string_type) && a.as_string() == b.as_string();
    case kind::bool_type:
      return b.is(kind::bool_type) && a.as_bool() == b.as_bool();
    case kind::int_type:
      if (b.is(kind::int_type)) {
        return a.as_int() == b.as_int();
      }
      if (b.is(kind::uint_type)) {
        return compare_int_uint(a.as_int(), b.as_uint()) == 0;
      }
      if (b.is(kind::double_type)) {
        return compare_double_int(b.as_double(), a.as_int()) == 0;
      }
      return false;
    case kind::uint_type:
      if (b.is(kind::uint_type)) {
        return a.as_uint() == b.as_uint();
      }
      if (b.is(kind::int_type)) {
        return compare_int_uint(b.as_int(), a.as_uint()) == 0;
      }
      if (b.is(kind::double_type)) {
        return compare_double_uint(b.as_double(), a.as_uint()) == 0;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

std::optional<value> value::map_find(std::string_view key) const noexcept {
  switch (store_) {
    case store::json: {
      const auto it = u_.jo->find(key);
      if (it == u_.jo->end()) {
        return std::nullopt;
      }
      return from_json(it->value());
    }
    case store::entries:
      for (std::size_t i = 0; i < n_; ++i) {
        if (u_.be[i].key == key) {
          return u_.be[i].val;
        }
      }
      return std::nullopt;
    default:
      for (const auto& [k, v] : *u_.mv) {
        if (k.is(kind::string_type) && k.as_string() == key) {
          return v;
        }
      }
      return std::nullopt;
  }
}

std::optional<value> value::map_find(const value& key) const noexcept {
  if (key.is(kind::string_type)) {
    return map_find(key.as_string());
  }
  if (store_ != store::owned) {
    return std::nullopt;  // JSON objects and borrowed entries have string keys only
  }
  for (const auto& [k, v] : *u_.mv) {
    if (key_equal(k, key)) {
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace mcpgate::cel
