#include "cel/macros.hpp"

#include <string_view>

namespace mcpgate::cel {

namespace {

compile_error fail(const node& n, std::string detail) {
  return {make_error_code(errc::bad_macro), n.loc.begin, std::move(detail)};
}

// A macro variable must be a plain identifier.
result<std::string, compile_error> variable_name(const node& call, const node& arg) {
  if (arg.kind != node_kind::ident || arg.name.find('.') != std::string::npos ||
      arg.name.starts_with('.')) {
    return fail(call, "argument must be a simple name");
  }
  return arg.name;
}

// Rewrites `call` as a comprehension: args[0] is the range, then the given bodies.
result<bool, compile_error> make_comprehension(node& call, comprehension_kind k, int variables) {
  auto& a = call.args;  // receiver, var(s), bodies
  auto v1 = variable_name(call, *a[1]);
  if (!v1) {
    return v1.error();
  }
  call.var1 = *v1;
  if (variables == 2) {
    auto v2 = variable_name(call, *a[2]);
    if (!v2) {
      return v2.error();
    }
    if (*v2 == *v1) {
      return fail(call, "the two variables must have different names");
    }
    call.var2 = *v2;
  }
  std::vector<node_ptr> rest;
  rest.push_back(std::move(a[0]));
  for (std::size_t i = 1 + static_cast<std::size_t>(variables); i < a.size(); ++i) {
    rest.push_back(std::move(a[i]));
  }
  call.args = std::move(rest);
  call.kind = node_kind::comprehension;
  call.macro = k;
  call.receiver = false;
  return true;
}

}  // namespace

result<bool, compile_error> expand_macro(node& call) {
  const std::string_view name = call.name;
  const std::size_t n = call.args.size();
  if (!call.receiver) {
    if (name == "has" && n == 1) {
      node& arg = *call.args[0];
      if (arg.kind != node_kind::select || arg.test_only) {
        return fail(call, "has() needs a field selection, as in has(a.b)");
      }
      node_ptr inner = std::move(call.args[0]);
      inner->test_only = true;
      inner->loc = call.loc;
      call = std::move(*inner);
      return true;
    }
    return false;
  }
  // n counts the receiver.
  if (name == "all" || name == "exists") {
    const auto k = name == "all" ? comprehension_kind::all : comprehension_kind::exists;
    if (n == 3) {
      return make_comprehension(call, k, 1);
    }
    if (n == 4) {
      return make_comprehension(call, k, 2);
    }
    return false;
  }
  if (name == "exists_one" || name == "existsOne") {
    if (n == 3) {
      return make_comprehension(call, comprehension_kind::exists_one, 1);
    }
    if (n == 4) {
      return make_comprehension(call, comprehension_kind::exists_one, 2);
    }
    return false;
  }
  if (name == "map") {
    if (n == 3) {
      return make_comprehension(call, comprehension_kind::map, 1);
    }
    if (n == 4) {
      return make_comprehension(call, comprehension_kind::map_filter, 1);
    }
    return false;
  }
  if (name == "filter" && n == 3) {
    return make_comprehension(call, comprehension_kind::filter, 1);
  }
  if (name == "transformList") {
    if (n == 4) {
      return make_comprehension(call, comprehension_kind::map, 2);
    }
    if (n == 5) {
      return make_comprehension(call, comprehension_kind::map_filter, 2);
    }
    return false;
  }
  if (name == "transformMap") {
    if (n == 4) {
      return make_comprehension(call, comprehension_kind::transform_map, 2);
    }
    if (n == 5) {
      return make_comprehension(call, comprehension_kind::transform_map_filter, 2);
    }
    return false;
  }
  return false;
}

}  // namespace mcpgate::cel
