#include "cel/parser.hpp"

#include "cel/lexer.hpp"
#include "cel/literal.hpp"
#include "cel/macros.hpp"

#include <algorithm>
#include <array>

namespace mcpgate::cel {

namespace {

// Words the CEL grammar reserves; they cannot name variables or functions.
constexpr std::array<std::string_view, 17> reserved_words = {
    "as",  "break", "const",   "continue",  "else",   "for", "function", "if",   "import",
    "let", "loop",  "package", "namespace", "return", "var", "void",     "while"};

bool is_reserved(std::string_view w) {
  return std::find(reserved_words.begin(), reserved_words.end(), w) != reserved_words.end();
}

class parser {
 public:
  parser(std::string_view src, std::vector<token> toks, const options& opts)
      : src_(src), toks_(std::move(toks)), opts_(opts) {}

  result<node_ptr, compile_error> run() {
    auto e = expr();
    if (!e) {
      return e.error();
    }
    if (peek().kind != tok::end) {
      return fail(errc::syntax, peek().offset, "unexpected " + describe(peek()));
    }
    return e;
  }

 private:
  using parsed = result<node_ptr, compile_error>;

  // Bounds recursion: every recursive production holds one of these.
  struct depth_guard {
    explicit depth_guard(std::size_t& d) : depth(d) { ++depth; }
    ~depth_guard() { --depth; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;
    std::size_t& depth;
  };

  static compile_error fail(errc code, std::size_t offset, std::string detail) {
    return {make_error_code(code), offset, std::move(detail)};
  }

  static std::string describe(const token& t) {
    if (t.kind == tok::end) {
      return "end of input";
    }
    return "'" + std::string{t.text} + "'";
  }

  const token& peek(std::size_t ahead = 0) const {
    return toks_[std::min(pos_ + ahead, toks_.size() - 1)];
  }
  const token& take() { return toks_[std::min(pos_++, toks_.size() - 1)]; }
  bool accept(tok k) {
    if (peek().kind == k) {
      ++pos_;
      return true;
    }
    return false;
  }
  result<const token*, compile_error> expect(tok k, const char* what) {
    if (peek().kind != k) {
      return fail(errc::syntax, peek().offset,
                  std::string{"expected "} + what + ", found " + describe(peek()));
    }
    return &take();
  }

  std::uint32_t end_of_previous() const {
    const token& t = toks_[pos_ == 0 ? 0 : pos_ - 1];
    return static_cast<std::uint32_t>(t.offset + t.text.size());
  }

  // Every node is made here, so the node budget and heights are kept in one place.
  result<node_ptr, compile_error> make(node_kind k, std::size_t begin) {
    if (++nodes_ > opts_.max_nodes) {
      return fail(errc::too_large, begin,
                  "more than " + std::to_string(opts_.max_nodes) + " nodes");
    }
    auto n = std::make_unique<node>();
    n->kind = k;
    n->loc.begin = static_cast<std::uint32_t>(begin);
    n->loc.end = end_of_previous();
    return n;
  }

  // Records a node's height; a tree taller than the depth budget is rejected here, which keeps
  // left-associative chains (a.b.c..., 1+1+1...) from building a tree the checker or evaluator
  // would recurse through too deeply.
  result<node_ptr, compile_error> finish(node_ptr n) {
    std::uint32_t h = 0;
    for (const auto& a : n->args) {
      h = std::max(h, a->height);
    }
    n->height = h + 1;
    n->loc.end = std::max(n->loc.end, end_of_previous());
    if (n->height > opts_.max_parse_depth) {
      return fail(errc::too_deep, n->loc.begin,
                  "deeper than " + std::to_string(opts_.max_parse_depth) + " levels");
    }
    return n;
  }

  parsed call_node(std::string name, std::size_t begin, std::vector<node_ptr> args) {
    auto n = make(node_kind::call, begin);
    if (!n) {
      return n;
    }
    (*n)->name = std::move(name);
    (*n)->args = std::move(args);
    return finish(std::move(*n));
  }

  parsed binary(std::string name, node_ptr l, node_ptr r) {
    const std::size_t begin = l->loc.begin;
    std::vector<node_ptr> args;
    args.push_back(std::move(l));
    args.push_back(std::move(r));
    return call_node(std::move(name), begin, std::move(args));
  }

  parsed expr() {
    depth_guard g{depth_};
    if (depth_ > opts_.max_parse_depth) {
      return fail(errc::too_deep, peek().offset,
                  "deeper than " + std::to_string(opts_.max_parse_depth) + " levels");
    }
    const std::size_t begin = peek().offset;
    auto cond = logical(tok::or_, "_||_");
    if (!cond || !accept(tok::question)) {
      return cond;
    }
    auto yes = logical(tok::or_, "_||_");
    if (!yes) {
      return yes;
    }
    if (auto c = expect(tok::colon, "':'"); !c) {
      return c.error();
    }
    auto no = expr();
    if (!no) {
      return no;
    }
    std::vector<node_ptr> args;
    args.push_back(std::move(*cond));
    args.push_back(std::move(*yes));
    args.push_back(std::move(*no));
    return call_node("_?_:_", begin, std::move(args));
  }

  // `||` and `&&` chains become one n-ary call: flat instead of deep, and the evaluator applies
  // CEL's commutative error absorption across all operands.
  parsed logical(tok op, const char* name) {
    const std::size_t begin = peek().offset;
    auto first = op == tok::or_ ? logical(tok::and_, "_&&_") : relation();
    if (!first || peek().kind != op) {
      return first;
    }
    std::vector<node_ptr> args;
    args.push_back(std::move(*first));
    while (accept(op)) {
      auto next = op == tok::or_ ? logical(tok::and_, "_&&_") : relation();
      if (!next) {
        return next;
      }
      args.push_back(std::move(*next));
    }
    return call_node(name, begin, std::move(args));
  }

  static const char* relation_name(tok k) {
    switch (k) {
      case tok::eq:
        return "_==_";
      case tok::ne:
        return "_!=_";
      case tok::lt:
        return "_<_";
      case tok::le:
        return "_<=_";
      case tok::gt:
        return "_>_";
      case tok::ge:
        return "_>=_";
      case tok::kw_in:
        return "@in";
      default:
        return nullptr;
    }
  }

  parsed relation() {
    auto left = addition();
    while (left) {
      const char* name = relation_name(peek().kind);
      if (name == nullptr) {
        break;
      }
      take();
      auto right = addition();
      if (!right) {
        return right;
      }
      left = binary(name, std::move(*left), std::move(*right));
    }
    return left;
  }

  parsed addition() {
    auto left = multiplication();
    while (left && (peek().kind == tok::plus || peek().kind == tok::minus)) {
      const char* name = take().kind == tok::plus ? "_+_" : "_-_";
      auto right = multiplication();
      if (!right) {
        return right;
      }
      left = binary(name, std::move(*left), std::move(*right));
    }
    return left;
  }

  parsed multiplication() {
    auto left = unary();
    while (left &&
           (peek().kind == tok::star || peek().kind == tok::slash || peek().kind == tok::percent)) {
      const tok k = take().kind;
      const char* name = k == tok::star ? "_*_" : (k == tok::slash ? "_/_" : "_%_");
      auto right = unary();
      if (!right) {
        return right;
      }
      left = binary(name, std::move(*left), std::move(*right));
    }
    return left;
  }

  parsed unary() {
    const std::size_t begin = peek().offset;
    const tok k = peek().kind;
    if (k != tok::bang && k != tok::minus) {
      return member();
    }
    std::size_t count = 0;
    while (peek().kind == k) {
      take();
      ++count;
    }
    parsed operand = nullptr;
    // A minus right before a number literal belongs to the literal (so the most negative
    // int64 can be written), as in the CEL grammar.
    if (k == tok::minus && (peek().kind == tok::int_lit || peek().kind == tok::double_lit)) {
      --count;
      operand = member(true);
    } else {
      operand = member();
    }
    if (!operand) {
      return operand;
    }
    node_ptr n = std::move(*operand);
    for (std::size_t i = 0; i < count; ++i) {
      std::vector<node_ptr> args;
      args.push_back(std::move(n));
      auto u = call_node(k == tok::bang ? "!_" : "-_", begin + count - 1 - i, std::move(args));
      if (!u) {
        return u;
      }
      n = std::move(*u);
    }
    return n;
  }

  parsed member(bool negative_literal = false) {
    const std::size_t begin = peek().offset;
    auto operand = primary(negative_literal, begin);
    while (operand) {
      if (accept(tok::dot)) {
        const token& field = take();
        std::string name;
        if (field.kind == tok::ident || field.kind == tok::kw_true || field.kind == tok::kw_false ||
            field.kind == tok::kw_null || field.kind == tok::kw_in) {
          name = std::string{field.text};
        } else if (field.kind == tok::quoted_ident) {
          name = std::string{field.text.substr(1, field.text.size() - 2)};
        } else {
          return fail(errc::syntax, field.offset,
                      "expected a field name, found " + describe(field));
        }
        if (field.kind != tok::quoted_ident && peek().kind == tok::lparen) {
          if (field.kind != tok::ident) {
            return fail(errc::syntax, field.offset, "expected a function name");
          }
          take();
          std::vector<node_ptr> args;
          args.push_back(std::move(*operand));
          if (auto r = arguments(args, tok::rparen); !r) {
            return r.error();
          }
          auto c = call_node(std::move(name), begin, std::move(args));
          if (!c) {
            return c;
          }
          (*c)->receiver = true;
          operand = macro(std::move(*c));
          continue;
        }
        auto s = make(node_kind::select, begin);
        if (!s) {
          return s;
        }
        (*s)->name = std::move(name);
        (*s)->args.push_back(std::move(*operand));
        operand = finish(std::move(*s));
      } else if (accept(tok::lbracket)) {
        auto index = expr();
        if (!index) {
          return index;
        }
        if (auto c = expect(tok::rbracket, "']'"); !c) {
          return c.error();
        }
        operand = binary("_[_]", std::move(*operand), std::move(*index));
        if (operand) {
          (*operand)->loc.begin = static_cast<std::uint32_t>(begin);
        }
      } else {
        break;
      }
    }
    return operand;
  }

  parsed macro(node_ptr call) {
    auto expanded = expand_macro(*call);
    if (!expanded) {
      return expanded.error();
    }
    return call;
  }

  // Comma-separated expressions up to `close` (a trailing comma is allowed).
  result<void, compile_error> arguments(std::vector<node_ptr>& out, tok close) {
    if (accept(close)) {
      return {};
    }
    for (;;) {
      auto e = expr();
      if (!e) {
        return e.error();
      }
      out.push_back(std::move(*e));
      if (accept(close)) {
        return {};
      }
      if (auto c = expect(tok::comma, "','"); !c) {
        return c.error();
      }
      if (accept(close)) {
        return {};
      }
    }
  }

  parsed constant(std::size_t begin, value v) {
    auto n = make(node_kind::constant, begin);
    if (n) {
      (*n)->owner = std::move(v);
      (*n)->val = (*n)->owner.alias();
    }
    return n;
  }

  parsed primary(bool negative_literal, std::size_t begin) {
    depth_guard g{depth_};
    if (depth_ > opts_.max_parse_depth) {
      return fail(errc::too_deep, peek().offset,
                  "deeper than " + std::to_string(opts_.max_parse_depth) + " levels");
    }
    const token& t = take();
    switch (t.kind) {
      case tok::int_lit: {
        auto v = decode_int(t, negative_literal);
        if (!v) {
          return v.error();
        }
        return constant(begin, value::integer(*v));
      }
      case tok::uint_lit: {
        auto v = decode_uint(t);
        if (!v) {
          return v.error();
        }
        return constant(begin, value::uinteger(*v));
      }
      case tok::double_lit: {
        auto v = decode_double(t);
        if (!v) {
          return v.error();
        }
        return constant(begin, value::floating(negative_literal ? -*v : *v));
      }
      case tok::string_lit:
      case tok::bytes_lit: {
        auto v = decode_quoted(t);
        if (!v) {
          return v.error();
        }
        return constant(begin, t.kind == tok::string_lit ? value::string(std::move(*v))
                                                         : value::bytes(std::move(*v)));
      }
      case tok::kw_true:
      case tok::kw_false:
        return constant(begin, value::boolean(t.kind == tok::kw_true));
      case tok::kw_null:
        return constant(begin, value::null());
      case tok::lparen: {
        auto e = expr();
        if (!e) {
          return e;
        }
        if (auto c = expect(tok::rparen, "')'"); !c) {
          return c.error();
        }
        return e;
      }
      case tok::lbracket: {
        std::vector<node_ptr> items;
        if (auto r = arguments(items, tok::rbracket); !r) {
          return r.error();
        }
        auto n = make(node_kind::list, begin);
        if (!n) {
          return n;
        }
        (*n)->args = std::move(items);
        return finish(std::move(*n));
      }
      case tok::lbrace:
        return map_literal(begin);
      case tok::dot:
      case tok::ident:
        return identifier(t, begin);
      default:
        return fail(errc::syntax, t.offset, "unexpected " + describe(t));
    }
  }

  parsed map_literal(std::size_t begin) {
    auto n = make(node_kind::map, begin);
    if (!n) {
      return n;
    }
    while (!accept(tok::rbrace)) {
      auto k = expr();
      if (!k) {
        return k;
      }
      if (auto c = expect(tok::colon, "':'"); !c) {
        return c.error();
      }
      auto v = expr();
      if (!v) {
        return v;
      }
      (*n)->args.push_back(std::move(*k));
      (*n)->args.push_back(std::move(*v));
      if (accept(tok::rbrace)) {
        break;
      }
      if (auto c = expect(tok::comma, "','"); !c) {
        return c.error();
      }
    }
    return finish(std::move(*n));
  }

  // `name`, `.name` (root-qualified) or a global call `name(...)`.
  parsed identifier(const token& first, std::size_t begin) {
    std::string name;
    const token* t = &first;
    if (first.kind == tok::dot) {
      name = ".";
      t = &take();
      if (t->kind != tok::ident) {
        return fail(errc::syntax, t->offset, "expected a name after '.'");
      }
    }
    if (is_reserved(t->text)) {
      return fail(errc::reserved_word, t->offset, std::string{t->text});
    }
    name += t->text;
    if (accept(tok::lparen)) {
      std::vector<node_ptr> args;
      if (auto r = arguments(args, tok::rparen); !r) {
        return r.error();
      }
      auto c = call_node(std::move(name), begin, std::move(args));
      if (!c) {
        return c;
      }
      return macro(std::move(*c));
    }
    auto n = make(node_kind::ident, begin);
    if (n) {
      (*n)->name = std::move(name);
    }
    return n;
  }

  std::string_view src_;
  std::vector<token> toks_;
  const options& opts_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t nodes_ = 0;
};

}  // namespace

result<node_ptr, compile_error> parse(std::string_view source, const options& opts) {
  if (source.size() > opts.max_expression_bytes) {
    return compile_error{make_error_code(errc::too_large), 0,
                         "more than " + std::to_string(opts.max_expression_bytes) + " bytes"};
  }
  auto toks = lex(source);
  if (!toks) {
    return toks.error();
  }
  return parser{source, std::move(*toks), opts}.run();
}

}  // namespace mcpgate::cel
