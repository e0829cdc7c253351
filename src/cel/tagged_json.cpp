#include "cel/tagged_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace mcpgate::cel {

namespace {

constexpr char b64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) |
                   (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
    out += b64_alphabet[(n >> 18) & 63];
    out += b64_alphabet[(n >> 12) & 63];
    out += b64_alphabet[(n >> 6) & 63];
    out += b64_alphabet[n & 63];
  }
  if (i < in.size()) {
    auto n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) {
      n |= static_cast<unsigned char>(in[i + 1]) << 8;
    }
    out += b64_alphabet[(n >> 18) & 63];
    out += b64_alphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? b64_alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string unbase64(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::char_traits<char>::find(b64_alphabet, 64, c);
    if (p == nullptr) {
      continue;  // padding
    }
    buf = (buf << 6) | static_cast<unsigned>(p - b64_alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

boost::json::value double_json(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "Infinity" : "-Infinity";
  }
  return d;
}

}  // namespace

boost::json::value to_tagged_json(const value& v) {
  boost::json::object o;
  switch (v.type_of()) {
    case kind::null_type:
      o["null"] = nullptr;
      break;
    case kind::bool_type:
      o["bool"] = v.as_bool();
      break;
    case kind::int_type:
      o["int"] = std::to_string(v.as_int());
      break;
    case kind::uint_type:
      o["uint"] = std::to_string(v.as_uint());
      break;
    case kind::double_type:
      o["double"] = double_json(v.as_double());
      break;
    case kind::string_type:
      o["string"] = v.as_string();
      break;
    case kind::bytes_type:
      o["bytes_b64"] = base64(v.as_string());
      break;
    case kind::type_type:
      o["type"] = v.as_string();
      break;
    case kind::list_type: {
      boost::json::array a;
      for (std::size_t i = 0; i < v.list_size(); ++i) {
        a.push_back(to_tagged_json(v.list_at(i)));
      }
      o["list"] = std::move(a);
      break;
    }
    case kind::map_type: {
      boost::json::array a;
      for (std::size_t i = 0; i < v.map_size(); ++i) {
        a.push_back(
            boost::json::array{to_tagged_json(v.map_key_at(i)), to_tagged_json(v.map_value_at(i))});
      }
      o["map"] = std::move(a);
      break;
    }
    case kind::timestamp_type:
    case kind::duration_type: {
      boost::json::object t;
      t["seconds"] = std::to_string(v.seconds());
      t["nanos"] = v.nanos();
      o[v.is(kind::timestamp_type) ? "timestamp" : "duration"] = std::move(t);
      break;
    }
    case kind::error_type:
      o["error"] = v.as_string();
      break;
  }
  return o;
}

value from_tagged_json(const boost::json::value& j) {
  const auto* o = j.if_object();
  if (o == nullptr || o->size() != 1) {
    return value::static_error("a tagged value is an object with one member");
  }
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
  const auto& member = *o->begin();
  const auto tag = member.key();
  const auto& body = member.value();
  const auto text = [&]() -> std::string_view {
    const auto* s = body.if_string();
    return s ? std::string_view{s->data(), s->size()} : std::string_view{};
  };
  if (tag == "null") {
    return value::null();
  }
  if (tag == "bool" && body.is_bool()) {
    return value::boolean(body.get_bool());
  }
  if (tag == "int") {
    std::int64_t i = 0;
    const auto s = text();
    if (std::from_chars(s.data(), s.data() + s.size(), i).ec == std::errc{}) {
      return value::integer(i);
    }
  }
  if (tag == "uint") {
    std::uint64_t u = 0;
    const auto s = text();
    if (std::from_chars(s.data(), s.data() + s.size(), u).ec == std::errc{}) {
      return value::uinteger(u);
    }
  }
  if (tag == "double") {
    if (body.is_number()) {
      return value::floating(body.to_number<double>());
    }
    const auto s = text();
    if (s == "NaN") {
      return value::floating(std::numeric_limits<double>::quiet_NaN());
    }
    if (s == "Infinity" || s == "-Infinity") {
      const double inf = std::numeric_limits<double>::infinity();
      return value::floating(s[0] == '-' ? -inf : inf);
    }
  }
  if (tag == "string" && body.is_string()) {
    return value::string(std::string{text()});
  }
  if (tag == "bytes_b64" && body.is_string()) {
    return value::bytes(unbase64(text()));
  }
  if (tag == "type" && body.is_string()) {
    if (const auto t = find_type_name(text()); !t.empty()) {
      return value::type(t);
    }
  }
  if (tag == "list" && body.is_array()) {
    list_data items;
    for (const auto& e : body.get_array()) {
      items.push_back(from_tagged_json(e));
    }
    return value::list(std::move(items));
  }
  if (tag == "map" && body.is_array()) {
    map_data entries;
    for (const auto& e : body.get_array()) {
      const auto* pair = e.if_array();
      if (pair == nullptr || pair->size() != 2) {
        return value::static_error("a map entry is a [key, value] pair");
      }
      entries.emplace_back(from_tagged_json((*pair)[0]), from_tagged_json((*pair)[1]));
    }
    return value::map(std::move(entries));
  }
  return value::error("unsupported tagged value '" + std::string{tag} + "'");
}

std::string to_display(const value& v) {
  switch (v.type_of()) {
    case kind::bool_type:
      return v.as_bool() ? "true" : "false";
    case kind::int_type:
      return std::to_string(v.as_int());
    case kind::uint_type:
      return std::to_string(v.as_uint()) + "u";
    case kind::null_type:
      return "null";
    case kind::string_type:
      return boost::json::serialize(boost::json::value(v.as_string()));
    case kind::type_type:
      return std::string{v.as_string()};
    default:
      return boost::json::serialize(to_tagged_json(v));
  }
}

}  // namespace mcpgate::cel
