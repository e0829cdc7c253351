#include "cel/evaluator.hpp"

#include "cel/library.hpp"
#include "cel/value_ops.hpp"

#include <array>
#include <vector>

namespace mcpgate::cel {

namespace {

value select_field(const value& operand, std::string_view field, bool test_only) {
  if (operand.is_error()) {
    return operand;
  }
  if (!operand.is(kind::map_type)) {
    return value::error("type '" + std::string{kind_name(operand.type_of())} +
                        "' does not support field selection");
  }
  auto found = operand.map_find(field);
  if (test_only) {
    return value::boolean(found.has_value());
  }
  if (!found) {
    return value::error("no such key: " + std::string{field});
  }
  return std::move(*found);
}

value resolve_ident(const node& n, eval_state& st) {
  for (const auto& c : n.candidates) {
    if (c.qualified && !st.vars.has_qualified_names()) {
      continue;
    }
    const value* v = st.vars.find(c.variable);
    if (v == nullptr) {
      continue;
    }
    if (c.fields_from >= n.path.size()) {
      return *v;
    }
    value cur = select_field(*v, n.path[c.fields_from], false);
    for (std::size_t i = c.fields_from + 1; i < n.path.size() && !cur.is_error(); ++i) {
      cur = select_field(cur, n.path[i], false);
    }
    return cur;
  }
  if (const auto t = find_type_name(n.name); !t.empty()) {
    return value::type(t);
  }
  // Name the root variable: for an unauthenticated request `jwt.scope` fails because `jwt`
  // is unbound, not because of `scope`.
  return value::error("undeclared reference to '" + (n.path.empty() ? n.name : n.path[0]) + "'");
}

// `&&` / `||` over any number of operands: the deciding value (false for &&, true for ||) wins
// over errors wherever it appears; otherwise the first error; otherwise the neutral value.
value logical(const node& n, eval_state& st, bool is_and) {
  value first_error;
  bool have_error = false;
  for (const auto& a : n.args) {
    value v = evaluate(*a, st);
    if (v.is(kind::bool_type)) {
      if (v.as_bool() != is_and) {
        return v;
      }
      continue;
    }
    if (!have_error) {
      first_error = v.is_error() ? std::move(v) : no_overload(is_and ? "_&&_" : "_||_");
      have_error = true;
    }
  }
  return have_error ? first_error : value::boolean(is_and);
}

value conditional(const node& n, eval_state& st) {
  value c = evaluate(*n.args[0], st);
  if (c.is_error()) {
    return c;
  }
  if (!c.is(kind::bool_type)) {
    return no_overload("_?_:_");
  }
  return evaluate(*n.args[c.as_bool() ? 1 : 2], st);
}

value call(const node& n, eval_state& st) {
  switch (n.fn) {
    case fn_and:
      return logical(n, st, true);
    case fn_or:
      return logical(n, st, false);
    case fn_conditional:
      return conditional(n, st);
    case no_function:
      return value::error("no such function: '" + n.name + "'");
    default:
      break;
  }
  const function_entry& f = function_at(n.fn);
  // Most calls have at most four arguments: keep them on the stack.
  constexpr std::size_t small = 4;
  std::array<value, small> fixed;
  std::vector<value> heap;
  value* argv = fixed.data();
  if (n.args.size() > small) {
    heap.resize(n.args.size());
    argv = heap.data();
  }
  for (std::size_t i = 0; i < n.args.size(); ++i) {
    argv[i] = evaluate(*n.args[i], st);
    if (argv[i].is_error()) {
      return argv[i];
    }
  }
  return f.impl({argv, n.args.size()}, n, st.opts);
}

value build_list(const node& n, eval_state& st) {
  list_data items;
  items.reserve(n.args.size());
  for (const auto& a : n.args) {
    value v = evaluate(*a, st);
    if (v.is_error()) {
      return v;
    }
    items.push_back(std::move(v));
  }
  return value::list(std::move(items));
}

bool valid_key(const value& k) noexcept {
  return k.is(kind::string_type) || k.is(kind::int_type) || k.is(kind::uint_type) ||
         k.is(kind::bool_type);
}

value build_map(const node& n, eval_state& st) {
  map_data entries;
  entries.reserve(n.args.size() / 2);
  for (std::size_t i = 0; i + 1 < n.args.size(); i += 2) {
    value k = evaluate(*n.args[i], st);
    if (k.is_error()) {
      return k;
    }
    if (!valid_key(k)) {
      return value::error("unsupported key type '" + std::string{kind_name(k.type_of())} + "'");
    }
    value v = evaluate(*n.args[i + 1], st);
    if (v.is_error()) {
      return v;
    }
    for (const auto& e : entries) {
      if (equal(e.first, k)) {
        return value::static_error("repeated key in map literal");
      }
    }
    entries.emplace_back(std::move(k), std::move(v));
  }
  return value::map(std::move(entries));
}

value comprehension(const node& n, eval_state& st) {
  const value range = evaluate(*n.args[0], st);
  if (range.is_error()) {
    return range;
  }
  const bool is_list = range.is(kind::list_type);
  if (!is_list && !range.is(kind::map_type)) {
    return value::error("cannot iterate over a value of type '" +
                        std::string{kind_name(range.type_of())} + "'");
  }
  const bool two = !n.var2.empty();
  const std::size_t count = is_list ? range.list_size() : range.map_size();
  const node& body = *n.args[1];
  const node* transform = n.args.size() > 2 ? n.args[2].get() : nullptr;
  const auto k = n.macro;

  value first_error;
  bool have_error = false;
  std::int64_t matches = 0;
  list_data out_list;
  map_data out_map;

  for (std::size_t i = 0; i < count; ++i) {
    if (++st.iterations > st.opts.max_iterations) {
      return value::static_error("comprehension iteration budget exceeded");
    }
    if (is_list) {
      if (two) {
        st.locals[n.slot1] = value::integer(static_cast<std::int64_t>(i));
        st.locals[n.slot2] = range.list_at(i);
      } else {
        st.locals[n.slot1] = range.list_at(i);
      }
    } else {
      st.locals[n.slot1] = range.map_key_at(i);
      if (two) {
        st.locals[n.slot2] = range.map_value_at(i);
      }
    }
    const bool predicate_first =
        k != comprehension_kind::map && k != comprehension_kind::transform_map;
    value p;
    if (predicate_first) {
      p = evaluate(body, st);
      const bool is_bool = p.is(kind::bool_type);
      if (k == comprehension_kind::all || k == comprehension_kind::exists) {
        if (is_bool && p.as_bool() == (k == comprehension_kind::exists)) {
          return p;
        }
        if (!is_bool && !have_error) {
          first_error = p.is_error() ? std::move(p)
                                     : no_overload(k == comprehension_kind::all ? "all" : "exists");
          have_error = true;
        }
        continue;
      }
      if (!is_bool) {
        return p.is_error() ? p : no_overload("macro predicate");
      }
      if (!p.as_bool()) {
        continue;
      }
      if (k == comprehension_kind::exists_one) {
        ++matches;
        continue;
      }
      if (k == comprehension_kind::filter) {
        out_list.push_back(st.locals[two ? n.slot2 : n.slot1]);
        continue;
      }
    }
    value t = evaluate(transform != nullptr && predicate_first ? *transform : body, st);
    if (t.is_error()) {
      return t;
    }
    if (k == comprehension_kind::map || k == comprehension_kind::map_filter) {
      out_list.push_back(std::move(t));
    } else {
      out_map.emplace_back(st.locals[n.slot1], std::move(t));
    }
  }
  switch (k) {
    case comprehension_kind::all:
    case comprehension_kind::exists:
      return have_error ? first_error : value::boolean(k == comprehension_kind::all);
    case comprehension_kind::exists_one:
      return value::boolean(matches == 1);
    case comprehension_kind::transform_map:
    case comprehension_kind::transform_map_filter:
      return value::map(std::move(out_map));
    default:
      return value::list(std::move(out_list));
  }
}

value evaluate_node(const node& n, eval_state& st) {
  switch (n.kind) {
    case node_kind::constant:
      return n.val;
    case node_kind::local:
      return st.locals[n.slot];
    case node_kind::ident:
      return resolve_ident(n, st);
    case node_kind::select:
      return select_field(evaluate(*n.args[0], st), n.name, n.test_only);
    case node_kind::call:
      return call(n, st);
    case node_kind::list:
      return build_list(n, st);
    case node_kind::map:
      return build_map(n, st);
    case node_kind::comprehension:
      return comprehension(n, st);
  }
  return value::static_error("unknown node");
}

}  // namespace

value evaluate(const node& n, eval_state& st) {
  if (++st.depth > st.opts.max_eval_depth) {
    --st.depth;
    return value::static_error("evaluation recursion budget exceeded");
  }
  value v = evaluate_node(n, st);
  --st.depth;
  if (st.trace != nullptr) {
    st.trace[n.id] = v;
  }
  return v;
}

}  // namespace mcpgate::cel
