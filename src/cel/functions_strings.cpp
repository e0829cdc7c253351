// The strings extension (cel-go ext.Strings): charAt, indexOf, lastIndexOf, lowerAscii,
// upperAscii, replace, split, substring, trim, join, reverse, strings.quote. Indexes count code
// points, not bytes.
#include "cel/library.hpp"
#include "cel/literal.hpp"
#include "cel/utf8.hpp"

namespace mcpgate::cel {

namespace {

using args_t = std::span<const value>;

bool is_str(const value& v) {
  return v.is(kind::string_type);
}
bool is_int(const value& v) {
  return v.is(kind::int_type);
}

value index_error(std::int64_t i) {
  return value::error("index out of range: " + std::to_string(i));
}

value char_at(args_t a, const node&, const options&) {
  if (a.size() != 2 || !is_str(a[0]) || !is_int(a[1])) {
    return no_overload("charAt");
  }
  const auto s = a[0].as_string();
  const std::int64_t i = a[1].as_int();
  const std::size_t len = utf8::length(s);
  if (i < 0 || static_cast<std::size_t>(i) > len) {
    return index_error(i);
  }
  const std::size_t b = utf8::offset_of(s, static_cast<std::size_t>(i));
  std::size_t e = b;
  if (e < s.size()) {
    utf8::next(s, e);
  }
  return value::string(std::string{s.substr(b, e - b)});
}

value index_of(args_t a, const node&, const options&) {
  if (a.size() < 2 || a.size() > 3 || !is_str(a[0]) || !is_str(a[1]) ||
      (a.size() == 3 && !is_int(a[2]))) {
    return no_overload("indexOf");
  }
  const auto s = a[0].as_string();
  const std::int64_t start = a.size() == 3 ? a[2].as_int() : 0;
  const std::size_t len = utf8::length(s);
  if (start < 0 || static_cast<std::size_t>(start) > len) {
    return index_error(start);
  }
  const std::size_t from = utf8::offset_of(s, static_cast<std::size_t>(start));
  const std::size_t at = s.find(a[1].as_string(), from);
  if (at == std::string_view::npos) {
    return value::integer(-1);
  }
  return value::integer(static_cast<std::int64_t>(utf8::length(s.substr(0, at))));
}

value last_index_of(args_t a, const node&, const options&) {
  if (a.size() < 2 || a.size() > 3 || !is_str(a[0]) || !is_str(a[1]) ||
      (a.size() == 3 && !is_int(a[2]))) {
    return no_overload("lastIndexOf");
  }
  const auto s = a[0].as_string();
  const auto sub = a[1].as_string();
  const std::size_t len = utf8::length(s);
  std::size_t limit = s.size();  // last byte offset a match may start at
  if (a.size() == 3) {
    const std::int64_t end = a[2].as_int();
    if (end < 0 || static_cast<std::size_t>(end) >= len + (len == 0 ? 1 : 0)) {
      return index_error(end);
    }
    limit = utf8::offset_of(s, static_cast<std::size_t>(end));
  }
  const std::size_t at = s.rfind(sub, limit);
  if (at == std::string_view::npos) {
    return value::integer(-1);
  }
  return value::integer(static_cast<std::int64_t>(utf8::length(s.substr(0, at))));
}

template <bool Upper>
value ascii_case(args_t a, const node&, const options&) {
  if (a.size() != 1 || !is_str(a[0])) {
    return no_overload(Upper ? "upperAscii" : "lowerAscii");
  }
  std::string s{a[0].as_string()};
  for (char& c : s) {
    if (Upper && c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (!Upper && c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return value::string(std::move(s));
}

value replace(args_t a, const node&, const options& opts) {
  if (a.size() < 3 || a.size() > 4 || !is_str(a[0]) || !is_str(a[1]) || !is_str(a[2]) ||
      (a.size() == 4 && !is_int(a[3]))) {
    return no_overload("replace");
  }
  const auto s = a[0].as_string();
  const auto from = a[1].as_string();
  const auto to = a[2].as_string();
  std::int64_t n = a.size() == 4 ? a[3].as_int() : -1;
  std::string out;
  std::size_t pos = 0;
  while (n != 0) {
    std::size_t at = s.find(from, pos);
    if (at == std::string_view::npos) {
      break;
    }
    out += s.substr(pos, at - pos);
    out += to;
    if (from.empty()) {
      // An empty pattern matches before every code point, as in Go.
      if (at >= s.size()) {
        pos = s.size() + 1;
        --n;
        break;
      }
      std::size_t next = at;
      utf8::next(s, next);
      out += s.substr(at, next - at);
      pos = next;
    } else {
      pos = at + from.size();
    }
    if (out.size() > opts.max_value_bytes) {
      return value::static_error("value size budget exceeded");
    }
    --n;
  }
  if (pos <= s.size()) {
    out += s.substr(pos);
  }
  return value::string(std::move(out));
}

value split(args_t a, const node&, const options& opts) {
  if (a.size() < 2 || a.size() > 3 || !is_str(a[0]) || !is_str(a[1]) ||
      (a.size() == 3 && !is_int(a[2]))) {
    return no_overload("split");
  }
  const auto s = a[0].as_string();
  const auto sep = a[1].as_string();
  const std::int64_t n = a.size() == 3 ? a[2].as_int() : -1;
  // Each part is a value and a string of its own: a string of 4 MiB of separators would
  // otherwise become four million of them. Counted against the value budget like a list.
  const std::size_t most = opts.max_value_bytes / (sizeof(value) + sizeof(std::string));
  const auto over = [] { return value::static_error("value size budget exceeded"); };
  list_data parts;
  if (n == 0) {
    return value::list(std::move(parts));
  }
  if (sep.empty()) {
    // Split into code points (at most n parts, the last holding the rest).
    std::size_t pos = 0;
    while (pos < s.size()) {
      if (n > 0 && static_cast<std::int64_t>(parts.size()) == n - 1) {
        parts.push_back(value::string(std::string{s.substr(pos)}));
        return value::list(std::move(parts));
      }
      const std::size_t start = pos;
      utf8::next(s, pos);
      if (parts.size() == most) {
        return over();
      }
      parts.push_back(value::string(std::string{s.substr(start, pos - start)}));
    }
    return value::list(std::move(parts));
  }
  std::size_t pos = 0;
  for (;;) {
    if (n > 0 && static_cast<std::int64_t>(parts.size()) == n - 1) {
      break;
    }
    const std::size_t at = s.find(sep, pos);
    if (at == std::string_view::npos) {
      break;
    }
    if (parts.size() + 1 == most) {
      return over();
    }
    parts.push_back(value::string(std::string{s.substr(pos, at - pos)}));
    pos = at + sep.size();
  }
  parts.push_back(value::string(std::string{s.substr(pos)}));
  return value::list(std::move(parts));
}

value substring(args_t a, const node&, const options&) {
  if (a.size() < 2 || a.size() > 3 || !is_str(a[0]) || !is_int(a[1]) ||
      (a.size() == 3 && !is_int(a[2]))) {
    return no_overload("substring");
  }
  const auto s = a[0].as_string();
  const auto len = static_cast<std::int64_t>(utf8::length(s));
  const std::int64_t begin = a[1].as_int();
  const std::int64_t end = a.size() == 3 ? a[2].as_int() : len;
  if (begin < 0 || begin > len) {
    return index_error(begin);
  }
  if (end < 0 || end > len) {
    return index_error(end);
  }
  if (begin > end) {
    return value::error("invalid substring range: start " + std::to_string(begin) + ", end " +
                        std::to_string(end));
  }
  const std::size_t b = utf8::offset_of(s, static_cast<std::size_t>(begin));
  const std::size_t e = utf8::offset_of(s, static_cast<std::size_t>(end));
  return value::string(std::string{s.substr(b, e - b)});
}

// Unicode White_Space, as Go's unicode.IsSpace (used by cel-go's trim).
bool is_space(std::uint32_t c) {
  switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

value trim(args_t a, const node&, const options&) {
  if (a.size() != 1 || !is_str(a[0])) {
    return no_overload("trim");
  }
  const auto s = a[0].as_string();
  std::size_t begin = 0;
  std::size_t end = 0;
  bool seen = false;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const auto c = utf8::next(s, pos);
    if (!is_space(c)) {
      if (!seen) {
        begin = start;
        seen = true;
      }
      end = pos;
    }
  }
  return value::string(seen ? std::string{s.substr(begin, end - begin)} : std::string{});
}

value join(args_t a, const node&, const options& opts) {
  if (a.empty() || a.size() > 2 || !a[0].is(kind::list_type) || (a.size() == 2 && !is_str(a[1]))) {
    return no_overload("join");
  }
  const auto sep = a.size() == 2 ? a[1].as_string() : std::string_view{};
  std::string out;
  for (std::size_t i = 0; i < a[0].list_size(); ++i) {
    const value item = a[0].list_at(i);
    if (!is_str(item)) {
      return no_overload("join");
    }
    if (i > 0) {
      out += sep;
    }
    out += item.as_string();
    if (out.size() > opts.max_value_bytes) {
      return value::static_error("value size budget exceeded");
    }
  }
  return value::string(std::move(out));
}

value reverse(args_t a, const node&, const options&) {
  if (a.size() != 1 || !is_str(a[0])) {
    return no_overload("reverse");
  }
  const auto s = a[0].as_string();
  std::string out(s.size(), '\0');
  std::size_t write = s.size();
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    utf8::next(s, pos);
    write -= pos - start;
    out.replace(write, pos - start, s.substr(start, pos - start));
  }
  return value::string(std::move(out));
}

// strings.quote: a double-quoted CEL string literal that evaluates back to the input.
value quote(args_t a, const node&, const options&) {
  if (a.size() != 1 || !is_str(a[0])) {
    return no_overload("strings.quote");
  }
  const auto s = a[0].as_string();
  std::string out = "\"";
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const auto c = utf8::next(s, pos);
    switch (c) {
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case 0xFFFFFFFF:
        out += "\xEF\xBF\xBD";
        break;  // U+FFFD for invalid input
      default:
        out += s.substr(start, pos - start);
    }
  }
  out += '"';
  return value::string(std::move(out));
}

}  // namespace

void add_string_functions(std::vector<function_entry>& out) {
  out.push_back({"charAt", false, true, true, char_at});
  out.push_back({"indexOf", false, true, true, index_of});
  out.push_back({"lastIndexOf", false, true, true, last_index_of});
  out.push_back({"lowerAscii", false, true, true, ascii_case<false>});
  out.push_back({"upperAscii", false, true, true, ascii_case<true>});
  out.push_back({"replace", false, true, true, replace});
  out.push_back({"split", false, true, true, split});
  out.push_back({"substring", false, true, true, substring});
  out.push_back({"trim", false, true, true, trim});
  out.push_back({"join", false, true, true, join});
  out.push_back({"reverse", false, true, true, reverse});
  out.push_back({"strings.quote", true, false, true, quote});
}

}  // namespace mcpgate::cel
