#include "cel/explain.hpp"

#include "cel/tagged_json.hpp"

namespace mcpgate::cel {

namespace {

bool is_false(const value& v) {
  return v.is(kind::bool_type) && !v.as_bool();
}

const node* child_where(const node& n, const std::vector<value>& trace,
                        bool (*pred)(const value&)) {
  for (const auto& a : n.args) {
    if (pred(trace[a->id])) {
      return a.get();
    }
  }
  return nullptr;
}

bool is_err(const value& v) {
  return v.is_error();
}

const node* decide(const node& n, const std::vector<value>& trace) {
  const value& v = trace[n.id];
  const node* next = nullptr;
  switch (n.kind) {
    case node_kind::call:
      if (n.fn == fn_and) {
        next = is_false(v) ? child_where(n, trace, is_false) : child_where(n, trace, is_err);
      } else if (n.fn == fn_or) {
        next = v.is_error() ? child_where(n, trace, is_err) : nullptr;
      } else if (n.fn == fn_conditional) {
        const value& c = trace[n.args[0]->id];
        next = c.is(kind::bool_type) ? n.args[c.as_bool() ? 1 : 2].get() : n.args[0].get();
      } else if (v.is_error()) {
        next = child_where(n, trace, is_err);
      }
      break;
    case node_kind::select:
    case node_kind::list:
    case node_kind::map:
    case node_kind::comprehension:
      if (v.is_error()) {
        next = child_where(n, trace, is_err);
      }
      break;
    default:
      break;
  }
  return next != nullptr ? decide(*next, trace) : &n;
}

}  // namespace

explanation explain_trace(const node& root, std::string_view source,
                          const std::vector<value>& trace, value result) {
  const node* d = decide(root, trace);
  explanation e;
  e.result = std::move(result);
  e.where = d->loc;
  const auto begin = std::min<std::size_t>(d->loc.begin, source.size());
  const auto end = std::min<std::size_t>(std::max(d->loc.end, d->loc.begin), source.size());
  e.text = std::string{source.substr(begin, end - begin)};
  e.decided = trace[d->id];
  return e;
}

std::string explanation::summary() const {
  if (decided.is_error()) {
    return "`" + text + "`: " + std::string{decided.as_string()};
  }
  return "`" + text + "` was " + to_display(decided);
}

}  // namespace mcpgate::cel
