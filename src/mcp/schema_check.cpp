#include "mcp/schema_check.hpp"

#include "json/access.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>

#include <string_view>

namespace mcpgate::mcp {

namespace bj = boost::json;

namespace {

bool has_type(const bj::value& v, std::string_view type) {
  if (type == "object") {
    return v.is_object();
  }
  if (type == "array") {
    return v.is_array();
  }
  if (type == "string") {
    return v.is_string();
  }
  if (type == "boolean") {
    return v.is_bool();
  }
  if (type == "null") {
    return v.is_null();
  }
  if (type == "integer") {
    // 2.0 is an integer in JSON Schema; compare with trunc so huge doubles never hit a cast.
    return v.is_int64() || v.is_uint64() ||
           (v.is_double() && std::isfinite(v.get_double()) &&
            std::trunc(v.get_double()) == v.get_double());
  }
  if (type == "number") {
    return v.is_number();
  }
  return true;  // an unknown type name constrains nothing we can check
}

class checker {
 public:
  checker(const bj::object& root, const schema_check_limits& lim) : root_(root), lim_(lim) {}

  std::optional<std::string> check(const bj::object& schema, const bj::value& v,
                                   const std::string& path, std::size_t depth) const {
    if (depth > lim_.max_depth) {
      return path + ": schema nested too deeply";
    }
    if (const bj::string* ref = json::find_string(schema, "$ref")) {
      const bj::object* target = resolve(json::view(*ref));
      if (target == nullptr) {
        return path + ": unresolvable $ref";
      }
      if (auto e = check(*target, v, path, depth + 1)) {
        return e;
      }
    }
    if (const bj::value* type = schema.if_contains("type")) {
      bool ok = false;
      if (type->is_string()) {
        ok = has_type(v, type->get_string());
      } else if (type->is_array()) {
        for (const bj::value& t : type->get_array()) {
          ok = ok || (t.is_string() && has_type(v, t.get_string()));
        }
      } else {
        ok = true;
      }
      if (!ok) {
        return path + ": expected " + bj::serialize(*type);
      }
    }
    if (const bj::array* options = json::find_array(schema, "enum")) {
      bool found = false;
      for (const bj::value& o : *options) {
        found = found || o == v;
      }
      if (!found) {
        return path + ": not one of the allowed values";
      }
    }
    if (const bj::value* c = schema.if_contains("const"); c != nullptr && *c != v) {
      return path + ": must be " + bj::serialize(*c);
    }
    if (const bj::object* obj = v.if_object()) {
      if (auto e = check_object(schema, *obj, path, depth)) {
        return e;
      }
    }
    if (const bj::array* arr = v.if_array()) {
      if (const bj::object* items = json::find_object(schema, "items")) {
        for (std::size_t i = 0; i < arr->size(); ++i) {
          if (auto e = check(*items, (*arr)[i], path + "/" + std::to_string(i), depth + 1)) {
            return e;
          }
        }
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> check_object(const bj::object& schema, const bj::object& obj,
                                          const std::string& path, std::size_t depth) const {
    if (const bj::array* required = json::find_array(schema, "required")) {
      for (const bj::value& name : *required) {
        if (name.is_string() && !obj.contains(name.get_string())) {
          return path + "/" + std::string{name.get_string()} + ": required";
        }
      }
    }
    const bj::object* props = json::find_object(schema, "properties");
    const bj::value* additional = schema.if_contains("additionalProperties");
    for (const auto& member : obj) {
      const std::string child = path + "/" + std::string{member.key()};
      const bj::value* sub = props != nullptr ? props->if_contains(member.key()) : nullptr;
      if (sub != nullptr) {
        if (const bj::object* s = sub->if_object()) {
          if (auto e = check(*s, member.value(), child, depth + 1)) {
            return e;
          }
        }
        continue;
      }
      if (additional == nullptr) {
        continue;
      }
      if (additional->is_bool() && !additional->get_bool()) {
        return child + ": not allowed";
      }
      if (const bj::object* s = additional->if_object()) {
        if (auto e = check(*s, member.value(), child, depth + 1)) {
          return e;
        }
      }
    }
    return std::nullopt;
  }

  // Only local references into $defs (or definitions); remote ones are never fetched.
  const bj::object* resolve(std::string_view ref) const {
    for (std::string_view prefix : {"#/$defs/", "#/definitions/"}) {
      if (ref.starts_with(prefix)) {
        const bj::object* defs = json::find_object(root_, prefix.substr(2, prefix.size() - 3));
        return defs != nullptr ? json::find_object(*defs, ref.substr(prefix.size())) : nullptr;
      }
    }
    return nullptr;
  }

  const bj::object& root_;
  const schema_check_limits& lim_;
};

}  // namespace

std::optional<std::string> check_against_schema(const bj::object& schema, const bj::value& value,
                                                const schema_check_limits& lim) {
  return checker{schema, lim}.check(schema, value, "", 0);
}

}  // namespace mcpgate::mcp
