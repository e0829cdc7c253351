#include "cel/lexer.hpp"

#include <array>

namespace mcpgate::cel {

namespace {

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_ident_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) noexcept {
  return is_ident_start(c) || is_digit(c);
}

compile_error fail(errc code, std::size_t offset, std::string detail) {
  return {make_error_code(code), offset, std::move(detail)};
}

class lexer {
 public:
  explicit lexer(std::string_view src) : src_(src) {}

  result<std::vector<token>, compile_error> run() {
    std::vector<token> out;
    for (;;) {
      skip_space();
      if (pos_ >= src_.size()) {
        out.push_back({tok::end, {}, pos_});
        return out;
      }
      auto t = next();
      if (!t) {
        return t.error();
      }
      out.push_back(*t);
    }
  }

 private:
  char peek(std::size_t ahead = 0) const noexcept {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }

  void skip_space() noexcept {
    while (pos_ < src_.size()) {
      const char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '/' && peek(1) == '/') {
        while (pos_ < src_.size() && src_[pos_] != '\n') {
          ++pos_;
        }
      } else {
        return;
      }
    }
  }

  token make(tok k, std::size_t begin) const noexcept {
    return {k, src_.substr(begin, pos_ - begin), begin};
  }

  result<token, compile_error> next() {
    const std::size_t begin = pos_;
    const char c = src_[pos_];
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
      return number(begin);
    }
    if (c == '"' || c == '\'') {
      return quoted(begin, tok::string_lit);
    }
    if (is_ident_start(c)) {
      // String prefixes: r, b, and both in either order and case.
      std::size_t p = pos_;
      bool raw = false;
      bool bytes = false;
      for (int i = 0; i < 2 && p < src_.size(); ++i, ++p) {
        const char q = src_[p];
        if ((q == 'r' || q == 'R') && !raw) {
          raw = true;
        } else if ((q == 'b' || q == 'B') && !bytes) {
          bytes = true;
        } else {
          break;
        }
      }
      if (p > pos_ && p < src_.size() && (src_[p] == '"' || src_[p] == '\'')) {
        pos_ = p;
        return quoted(begin, bytes ? tok::bytes_lit : tok::string_lit);
      }
      while (pos_ < src_.size() && is_ident_char(src_[pos_])) {
        ++pos_;
      }
      const auto text = src_.substr(begin, pos_ - begin);
      if (text == "true") {
        return make(tok::kw_true, begin);
      }
      if (text == "false") {
        return make(tok::kw_false, begin);
      }
      if (text == "null") {
        return make(tok::kw_null, begin);
      }
      if (text == "in") {
        return make(tok::kw_in, begin);
      }
      return make(tok::ident, begin);
    }
    if (c == '`') {
      ++pos_;
      while (pos_ < src_.size() && src_[pos_] != '`') {
        const char q = src_[pos_];
        // Field names in backticks: letters, digits and _ . - / ~ (as in cel-go).
        if (!(is_ident_char(q) || q == '.' || q == '-' || q == '/' || q == '~' || q == ' ')) {
          return fail(errc::syntax, pos_, "invalid character in quoted identifier");
        }
        ++pos_;
      }
      if (pos_ >= src_.size()) {
        return fail(errc::syntax, begin, "unterminated quoted identifier");
      }
      ++pos_;
      if (pos_ - begin == 2) {
        return fail(errc::syntax, begin, "empty quoted identifier");
      }
      return make(tok::quoted_ident, begin);
    }
    ++pos_;
    switch (c) {
      case '(':
        return make(tok::lparen, begin);
      case ')':
        return make(tok::rparen, begin);
      case '[':
        return make(tok::lbracket, begin);
      case ']':
        return make(tok::rbracket, begin);
      case '{':
        return make(tok::lbrace, begin);
      case '}':
        return make(tok::rbrace, begin);
      case '.':
        return make(tok::dot, begin);
      case ',':
        return make(tok::comma, begin);
      case ':':
        return make(tok::colon, begin);
      case '?':
        return make(tok::question, begin);
      case '+':
        return make(tok::plus, begin);
      case '-':
        return make(tok::minus, begin);
      case '*':
        return make(tok::star, begin);
      case '/':
        return make(tok::slash, begin);
      case '%':
        return make(tok::percent, begin);
      case '!':
        if (peek() == '=') {
          ++pos_;
          return make(tok::ne, begin);
        }
        return make(tok::bang, begin);
      case '=':
        if (peek() == '=') {
          ++pos_;
          return make(tok::eq, begin);
        }
        break;
      case '<':
        if (peek() == '=') {
          ++pos_;
          return make(tok::le, begin);
        }
        return make(tok::lt, begin);
      case '>':
        if (peek() == '=') {
          ++pos_;
          return make(tok::ge, begin);
        }
        return make(tok::gt, begin);
      case '&':
        if (peek() == '&') {
          ++pos_;
          return make(tok::and_, begin);
        }
        break;
      case '|':
        if (peek() == '|') {
          ++pos_;
          return make(tok::or_, begin);
        }
        break;
      default:
        break;
    }
    return fail(errc::syntax, begin, "unexpected character");
  }

  result<token, compile_error> number(std::size_t begin) {
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      pos_ += 2;
      const std::size_t digits = pos_;
      while (is_hex(peek())) {
        ++pos_;
      }
      if (pos_ == digits) {
        return fail(errc::bad_literal, begin, "hex literal without digits");
      }
      if (peek() == 'u' || peek() == 'U') {
        ++pos_;
        return make(tok::uint_lit, begin);
      }
      return make(tok::int_lit, begin);
    }
    bool is_double = false;
    while (is_digit(peek())) {
      ++pos_;
    }
    if (peek() == '.' && is_digit(peek(1))) {
      is_double = true;
      ++pos_;
      while (is_digit(peek())) {
        ++pos_;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      std::size_t p = 1;
      if (peek(p) == '+' || peek(p) == '-') {
        ++p;
      }
      if (is_digit(peek(p))) {
        is_double = true;
        pos_ += p;
        while (is_digit(peek())) {
          ++pos_;
        }
      }
    }
    if (is_double) {
      return make(tok::double_lit, begin);
    }
    if (peek() == 'u' || peek() == 'U') {
      ++pos_;
      return make(tok::uint_lit, begin);
    }
    return make(tok::int_lit, begin);
  }

  result<token, compile_error> quoted(std::size_t begin, tok kind) {
    const char q = src_[pos_];
    const bool triple = peek(1) == q && peek(2) == q;
    const std::size_t open = triple ? 3 : 1;
    pos_ += open;
    const bool raw = src_.substr(begin, pos_ - begin).find_first_of("rR") != std::string_view::npos;
    for (;;) {
      if (pos_ >= src_.size()) {
        return fail(errc::bad_literal, begin, "unterminated string literal");
      }
      const char c = src_[pos_];
      if (c == '\\' && !raw) {
        pos_ += 2;
        continue;
      }
      if (!triple && (c == '\n' || c == '\r')) {
        return fail(errc::bad_literal, pos_, "newline in string literal");
      }
      if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
        pos_ += open;
        return make(kind, begin);
      }
      ++pos_;
    }
  }

  std::string_view src_;
  std::size_t pos_ = 0;
};

}  // namespace

result<std::vector<token>, compile_error> lex(std::string_view source) {
  return lexer{source}.run();
}

}  // namespace mcpgate::cel
