// size, contains (with agentgateway's list and map forms), startsWith, endsWith, matches.
#include "cel/library.hpp"
#include "cel/regex.hpp"
#include "cel/utf8.hpp"
#include "cel/value_ops.hpp"

#include <re2/re2.h>

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

value size(args_t a, const node&, const options&) {
  if (a.size() != 1) {
    return no_overload("size");
  }
  switch (a[0].type_of()) {
    case kind::string_type:
      return value::integer(static_cast<std::int64_t>(utf8::length(a[0].as_string())));
    case kind::bytes_type:
      return value::integer(static_cast<std::int64_t>(a[0].as_string().size()));
    case kind::list_type:
      return value::integer(static_cast<std::int64_t>(a[0].list_size()));
    case kind::map_type:
      return value::integer(static_cast<std::int64_t>(a[0].map_size()));
    default:
      return no_overload("size");
  }
}

// On strings, the standard substring test. agentgateway extends contains to lists (membership)
// and maps (key presence); the reference policy's jwt["https://mcp-demo/roles"].contains("admin")
// relies on the list form.
value contains(args_t a, const node&, const options&) {
  if (a.size() != 2) {
    return no_overload("contains");
  }
  const value& target = a[0];
  if (target.is(kind::string_type) && a[1].is(kind::string_type)) {
    return value::boolean(target.as_string().find(a[1].as_string()) != std::string_view::npos);
  }
  if (target.is(kind::list_type)) {
    for (std::size_t i = 0; i < target.list_size(); ++i) {
      if (equal(target.list_at(i), a[1])) {
        return value::boolean(true);
      }
    }
    return value::boolean(false);
  }
  if (target.is(kind::map_type)) {
    return value::boolean(target.map_find(a[1]).has_value());
  }
  return no_overload("contains");
}

value starts_with(args_t a, const node&, const options&) {
  if (a.size() != 2 || !a[0].is(kind::string_type) || !a[1].is(kind::string_type)) {
    return no_overload("startsWith");
  }
  return value::boolean(a[0].as_string().starts_with(a[1].as_string()));
}

value ends_with(args_t a, const node&, const options&) {
  if (a.size() != 2 || !a[0].is(kind::string_type) || !a[1].is(kind::string_type)) {
    return no_overload("endsWith");
  }
  return value::boolean(a[0].as_string().ends_with(a[1].as_string()));
}

// RE2 partial match. A literal pattern was compiled by the checker; a computed one is compiled
// here under the same program-size budget.
value matches(args_t a, const node& call, const options& opts) {
  if (a.size() != 2 || !a[0].is(kind::string_type) || !a[1].is(kind::string_type)) {
    return no_overload("matches");
  }
  std::shared_ptr<const re2::RE2> re = call.regex;
  if (!re) {
    std::string why;
    re = compile_regex(a[1].as_string(), opts, why);
    if (!re) {
      return value::error("invalid regular expression: " + why);
    }
  }
  const auto s = a[0].as_string();
  return value::boolean(re2::RE2::PartialMatch(re2::StringPiece{s.data(), s.size()}, *re));
}

}  // namespace

void add_standard_functions(std::vector<function_entry>& out) {
  out.push_back({"size", true, true, true, size});
  out.push_back({"contains", false, true, true, contains});
  out.push_back({"startsWith", false, true, true, starts_with});
  out.push_back({"endsWith", false, true, true, ends_with});
  // Not foldable: the checker has already compiled a literal pattern, and folding would hide an
  // invalid computed one until run time anyway.
  out.push_back({"matches", true, true, false, matches});
}

}  // namespace mcpgate::cel
