#pragma once

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::cel {

// CEL runtime types. `type_type` values name a type; `error_type` values are CEL errors, which
// flow through evaluation like any value (a missing claim is an error value, not an exception).
enum class kind : std::uint8_t {
  null_type,
  bool_type,
  int_type,
  uint_type,
  double_type,
  string_type,
  bytes_type,
  list_type,
  map_type,
  type_type,
  timestamp_type,
  duration_type,
  error_type,
};

// The CEL name of a kind ("int", "list", "google.protobuf.Timestamp", ...).
std::string_view kind_name(kind k) noexcept;

// The library's own (static) name of the type called `name` in an expression or a test file
// ("int", "null_type", "google.protobuf.Duration"); empty when `name` names no type.
std::string_view find_type_name(std::string_view name) noexcept;

class value;
struct borrowed_entry;
using list_data = std::vector<value>;
using map_data = std::vector<std::pair<value, value>>;

// One CEL value. Scalars are held inline. Strings, lists and maps either own their data (shared,
// immutable) or borrow it: from a Boost.JSON document, from caller-provided entries, or from the
// compiled program. Borrowing is what lets the gateway bind a request's claims and MCP fields
// without copying or allocating; whoever binds borrowed data keeps it alive for the evaluation.
class value {
 public:
  value() noexcept = default;

  static value null() noexcept { return {}; }
  static value boolean(bool b) noexcept;
  static value integer(std::int64_t i) noexcept;
  static value uinteger(std::uint64_t u) noexcept;
  static value floating(double d) noexcept;
  static value borrowed_string(std::string_view s) noexcept;
  static value string(std::string s);
  static value borrowed_bytes(std::string_view s) noexcept;
  static value bytes(std::string s);
  static value list(list_data items);
  static value map(map_data entries);                 // the caller guarantees unique keys
  static value type(std::string_view name) noexcept;  // name has static storage
  static value timestamp(std::int64_t seconds, std::int32_t nanos) noexcept;
  static value duration(std::int64_t seconds, std::int32_t nanos) noexcept;
  static value error(std::string message);
  static value static_error(std::string_view message) noexcept;  // message has static storage

  // A view of a JSON value: integral numbers become int (uint beyond int64), other numbers
  // double; strings, arrays and objects are borrowed from `v`, which must outlive this value.
  static value from_json(const boost::json::value& v) noexcept;
  static value json_list(const boost::json::array& a) noexcept;
  static value json_map(const boost::json::object& o) noexcept;
  // A string-keyed map over entries the caller owns; no allocation.
  static value borrowed_map(std::span<const borrowed_entry> entries) noexcept;

  // The same value without shared ownership: copies are free of reference counting. The caller
  // keeps the original alive (the compiled program does this for its constants).
  value alias() const noexcept {
    value v = *this;
    v.keep_.reset();
    return v;
  }

  kind type_of() const noexcept { return kind_; }
  bool is(kind k) const noexcept { return kind_ == k; }
  bool is_error() const noexcept { return kind_ == kind::error_type; }

  bool as_bool() const noexcept { return u_.b; }
  std::int64_t as_int() const noexcept { return u_.i; }
  std::uint64_t as_uint() const noexcept { return u_.u; }
  double as_double() const noexcept { return u_.d; }
  // Text of a string, bytes, type name or error message.
  std::string_view as_string() const noexcept { return {u_.s, n_}; }
  // Timestamps and durations: seconds and nanoseconds.
  std::int64_t seconds() const noexcept { return u_.i; }
  std::int32_t nanos() const noexcept { return static_cast<std::int32_t>(n_); }

  std::size_t list_size() const noexcept;
  value list_at(std::size_t i) const noexcept;

  std::size_t map_size() const noexcept;
  value map_key_at(std::size_t i) const noexcept;
  value map_value_at(std::size_t i) const noexcept;
  // Entry with a key equal to `key` under CEL map-key rules (1 and 1u and 1.0 name one key).
  std::optional<value> map_find(const value& key) const noexcept;
  std::optional<value> map_find(std::string_view key) const noexcept;

 private:
  enum class store : std::uint8_t { none, owned, json, entries };

  kind kind_ = kind::null_type;
  store store_ = store::none;
  union {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double d;
    const char* s;
    const boost::json::array* ja;
    const boost::json::object* jo;
    const borrowed_entry* be;
    const list_data* lv;
    const map_data* mv;
  } u_{};
  std::size_t n_ = 0;
  std::shared_ptr<const void> keep_;
};

struct borrowed_entry {
  std::string_view key;
  value val;
};

}  // namespace mcpgate::cel
