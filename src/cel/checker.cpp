#include "cel/checker.hpp"

#include "cel/library.hpp"
#include "cel/regex.hpp"
#include "cel/value_ops.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace mcpgate::cel {

namespace {

compile_error fail(errc code, const node& n, std::string detail) {
  return {make_error_code(code), n.loc.begin, std::move(detail)};
}

// The identifier and field names of a chain a.b.c (select nodes without test_only over an
// ident), outermost last; empty when `n` is not such a chain.
std::vector<std::string> chain_path(const node& n) {
  std::vector<std::string> rev;
  const node* cur = &n;
  while (cur->kind == node_kind::select && !cur->test_only) {
    rev.push_back(cur->name);
    cur = cur->args[0].get();
  }
  if (cur->kind != node_kind::ident) {
    return {};
  }
  rev.push_back(cur->name);
  std::reverse(rev.begin(), rev.end());
  return rev;
}

std::string join(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) {
      out += '.';
    }
    out += parts[i];
  }
  return out;
}

class checker {
 public:
  explicit checker(const options& opts) : opts_(opts) {}

  result<check_info, compile_error> run(node_ptr& root) {
    if (auto r = visit(root); !r) {
      return r.error();
    }
    number(*root);
    info_.local_slots = next_slot_;
    return std::move(info_);
  }

 private:
  using status = result<void, compile_error>;

  void number(node& n) {
    n.id = info_.node_count++;
    for (auto& a : n.args) {
      number(*a);
    }
  }

  const std::pair<std::string, std::uint16_t>* local(std::string_view name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      if (it->first == name) {
        return &*it;
      }
    }
    return nullptr;
  }

  // Candidate readings of a qualified name, most specific first: each container prefix, and
  // within it the longest variable name before field selections.
  std::vector<name_candidate> candidates(const std::vector<std::string>& path, bool rooted) const {
    std::vector<std::string> prefixes;
    if (!rooted && !opts_.container.empty()) {
      std::string c = opts_.container;
      for (;;) {
        prefixes.push_back(c + ".");
        const auto dot = c.rfind('.');
        if (dot == std::string::npos) {
          break;
        }
        c.resize(dot);
      }
    }
    prefixes.emplace_back();
    std::vector<name_candidate> out;
    for (const auto& prefix : prefixes) {
      for (std::size_t len = path.size(); len >= 1; --len) {
        std::string name = prefix + join(path, len);
        const bool qualified = name.find('.') != std::string::npos;
        out.push_back({std::move(name), static_cast<std::uint32_t>(len), qualified});
      }
    }
    return out;
  }

  // Replaces a name chain rooted at a global identifier by one resolved ident node.
  void resolve_global(node_ptr& n, std::vector<std::string> path) {
    bool rooted = false;
    if (path[0].starts_with('.')) {
      rooted = true;
      path[0].erase(0, 1);
    }
    auto id = std::make_unique<node>();
    id->kind = node_kind::ident;
    id->loc = n->loc;
    id->name = join(path, path.size());
    id->candidates = candidates(path, rooted);
    info_.paths.push_back(id->name);
    id->path = std::move(path);
    n = std::move(id);
  }

  status visit_chain(node_ptr& n, std::vector<std::string> path) {
    const bool rooted = path[0].starts_with('.');
    if (const auto* l = rooted ? nullptr : local(path[0])) {
      // A comprehension variable: the root becomes a slot, the selections stay.
      node* root = n.get();
      while (root->kind == node_kind::select) {
        root = root->args[0].get();
      }
      root->kind = node_kind::local;
      root->slot = l->second;
      return {};
    }
    resolve_global(n, std::move(path));
    return {};
  }

  status visit(node_ptr& n) {
    switch (n->kind) {
      case node_kind::constant:
      case node_kind::local:
        return {};
      case node_kind::ident:
        return visit_chain(n, {n->name});
      case node_kind::select: {
        if (!n->test_only) {
          if (auto path = chain_path(*n); !path.empty()) {
            return visit_chain(n, std::move(path));
          }
        } else if (auto path = chain_path(*n->args[0]); !path.empty()) {
          auto full = path;
          full.push_back(n->name);
          if (auto r = visit_chain(n->args[0], std::move(path)); !r) {
            return r;
          }
          if (n->args[0]->kind == node_kind::ident) {
            info_.paths.back() = join(full, full.size());
          }
          return {};
        }
        return visit(n->args[0]);
      }
      case node_kind::call:
        return visit_call(n);
      case node_kind::list:
      case node_kind::map:
        return visit_aggregate(n);
      case node_kind::comprehension:
        return visit_comprehension(*n);
    }
    return {};
  }

  status visit_call(node_ptr& n) {
    node& c = *n;
    if (c.receiver) {
      // `strings.quote(x)`: a namespaced global function, not a receiver call on `strings`.
      if (auto path = chain_path(*c.args[0]); !path.empty() && local(path[0]) == nullptr) {
        const std::string qualified = join(path, path.size()) + "." + c.name;
        if (find_function(qualified, false) != no_function) {
          c.name = qualified;
          c.receiver = false;
          c.args.erase(c.args.begin());
        }
      }
    }
    for (auto& a : c.args) {
      if (auto r = visit(a); !r) {
        return r;
      }
    }
    if (c.name == "_&&_") {
      c.fn = fn_and;
      return {};
    }
    if (c.name == "_||_") {
      c.fn = fn_or;
      return {};
    }
    if (c.name == "_?_:_") {
      c.fn = fn_conditional;
      return {};
    }
    c.fn = find_function(c.name, c.receiver);
    if (c.fn == no_function) {
      // CEL makes an unknown function a runtime error (f_unknown(1) || true is true); the
      // name is recorded so `policy check` can still warn about it.
      info_.unknown_functions.push_back(c.name);
      return {};
    }
    if (c.name == "matches" && c.args.size() == 2 && c.args[1]->kind == node_kind::constant &&
        c.args[1]->val.is(kind::string_type)) {
      std::string why;
      c.regex = compile_regex(c.args[1]->val.as_string(), opts_, why);
      if (!c.regex) {
        const bool size = why.starts_with("program size");
        return fail(size ? errc::regex_too_large : errc::bad_regex, *c.args[1], why);
      }
    }
    if (function_at(c.fn).foldable) {
      fold_call(c);
    }
    return {};
  }

  bool all_constant(const node& n) const {
    return std::all_of(n.args.begin(), n.args.end(),
                       [](const node_ptr& a) { return a->kind == node_kind::constant; });
  }

  static void make_constant(node& n, value v) {
    n.kind = node_kind::constant;
    n.owner = std::move(v);
    n.val = n.owner.alias();
    n.args.clear();
    n.height = 1;
  }

  // Folds a call on constants when the result is not an error: errors stay to happen at run
  // time, where explanations and messages can point at them. The owners (not the aliases) are
  // passed so a result that shares an argument's data keeps it alive.
  void fold_call(node& c) {
    if (!all_constant(c) || c.args.size() > 4) {
      return;
    }
    std::vector<value> argv;
    for (const auto& a : c.args) {
      argv.push_back(a->owner);
    }
    value v = function_at(c.fn).impl(argv, c, opts_);
    if (!v.is_error()) {
      make_constant(c, std::move(v));
    }
  }

  status visit_aggregate(node_ptr& n) {
    for (auto& a : n->args) {
      if (auto r = visit(a); !r) {
        return r;
      }
    }
    if (!all_constant(*n)) {
      return {};
    }
    // Constant literals are built once here, not at every evaluation.
    if (n->kind == node_kind::list) {
      list_data items;
      for (const auto& a : n->args) {
        items.push_back(a->owner);
      }
      make_constant(*n, value::list(std::move(items)));
      return {};
    }
    map_data entries;
    for (std::size_t i = 0; i + 1 < n->args.size(); i += 2) {
      const value& k = n->args[i]->owner;
      const bool key_ok = k.is(kind::string_type) || k.is(kind::bool_type) ||
                          k.is(kind::int_type) || k.is(kind::uint_type);
      if (!key_ok) {
        return {};  // the evaluator reports the bad key
      }
      for (const auto& e : entries) {
        if (equal(e.first, k)) {
          return {};  // a repeated key: the evaluator reports it
        }
      }
      entries.emplace_back(k, n->args[i + 1]->owner);
    }
    make_constant(*n, value::map(std::move(entries)));
    return {};
  }

  status visit_comprehension(node& c) {
    if (auto r = visit(c.args[0]); !r) {
      return r;
    }
    if (next_slot_ > 0xFFFF - 2) {
      return fail(errc::too_large, c, "too many comprehension variables");
    }
    const std::size_t mark = scopes_.size();
    c.slot1 = next_slot_++;
    scopes_.emplace_back(c.var1, c.slot1);
    if (!c.var2.empty()) {
      c.slot2 = next_slot_++;
      scopes_.emplace_back(c.var2, c.slot2);
    }
    for (std::size_t i = 1; i < c.args.size(); ++i) {
      if (auto r = visit(c.args[i]); !r) {
        return r;
      }
    }
    scopes_.resize(mark);
    return {};
  }

  const options& opts_;
  check_info info_;
  std::vector<std::pair<std::string, std::uint16_t>> scopes_;
  std::uint16_t next_slot_ = 0;
};

}  // namespace

result<check_info, compile_error> check(node_ptr& root, const options& opts) {
  return checker{opts}.run(root);
}

}  // namespace mcpgate::cel
