#include "json/strict.hpp"

#include <boost/container/small_vector.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace mcpgate::json {

namespace {

namespace bj = boost::json;

// Member names of the objects currently open, innermost last. Names of one object are kept
// contiguous in `names_`; an object's slice is dropped when it closes. A name the parser hands
// over as a view of the input (unescaped, in one piece: the usual case) is kept as that view, as
// the input outlives the parse; any other is copied into `arena_`.
class member_names {
 public:
  explicit member_names(std::string_view input) noexcept : input_{input} {}

  void open() { frames_.push_back({names_.size(), arena_.size()}); }

  void close() {
    names_.resize(frames_.back().names);
    arena_.resize(frames_.back().arena);
    frames_.pop_back();
  }

  // Records `name` in the innermost object; false if it is already there. Small objects are
  // checked at once by a scan; large ones are sorted and checked when they close.
  bool add(std::string_view name) {
    const std::size_t first = frames_.back().names;
    if (names_.size() - first < scan_limit) {
      for (std::size_t i = first; i < names_.size(); ++i) {
        if (view(names_[i]) == name) {
          return false;
        }
      }
    }
    names_.push_back(keep(name));
    return true;
  }

  // Whether the innermost object has more names than add() checks at once.
  bool large() const noexcept { return names_.size() - frames_.back().names > scan_limit; }

  // For a large innermost object: the first duplicate among its names, or empty.
  std::string_view find_duplicate() const {
    std::vector<std::string_view> sorted;
    sorted.reserve(names_.size() - frames_.back().names);
    for (std::size_t i = frames_.back().names; i < names_.size(); ++i) {
      sorted.push_back(view(names_[i]));
    }
    std::sort(sorted.begin(), sorted.end());
    const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    return dup == sorted.end() ? std::string_view{} : *dup;
  }

 private:
  // A name at `offset` in the input, or in the arena. Offsets rather than pointers, since the
  // arena moves when it grows.
  struct name_ref {
    std::size_t offset;
    std::size_t size;
    bool in_arena;
  };
  // Where the innermost object's names start.
  struct frame {
    std::size_t names;
    std::size_t arena;
  };
  static constexpr std::size_t scan_limit = 32;

  std::string_view view(name_ref n) const noexcept {
    return {(n.in_arena ? arena_.data() : input_.data()) + n.offset, n.size};
  }

  name_ref keep(std::string_view name) {
    const auto at = reinterpret_cast<std::uintptr_t>(name.data());
    const auto begin = reinterpret_cast<std::uintptr_t>(input_.data());
    if (name.size() <= input_.size() && at >= begin && at - begin <= input_.size() - name.size()) {
      return {at - begin, name.size(), false};
    }
    const std::size_t offset = arena_.size();
    arena_.append(name);
    return {offset, name.size(), true};
  }

  std::string_view input_;
  std::string arena_;
  // Inline room for the names and nesting of a typical JSON-RPC message, so that parsing one
  // does not allocate for them (escaped names and objects of over 32 names still may).
  boost::container::small_vector<name_ref, 32> names_;
  boost::container::small_vector<frame, 8> frames_;
};

// What validate() does with values: nothing. Same calls as boost::json::value_stack, so one
// handler serves both.
struct no_values {
  void push_object(std::size_t) noexcept {}
  void push_array(std::size_t) noexcept {}
  void push_chars(bj::string_view) noexcept {}
  void push_key(bj::string_view) noexcept {}
  void push_string(bj::string_view) noexcept {}
  void push_int64(std::int64_t) noexcept {}
  void push_uint64(std::uint64_t) noexcept {}
  void push_double(double) noexcept {}
  void push_bool(bool) noexcept {}
  void push_null() noexcept {}
};

// The I-JSON rules on top of Boost.JSON's syntax checks, whatever is done with the values
// (`Values`: a boost::json::value_stack to build the document, no_values to only check it).
template <class Values>
struct strict_handler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  Values values;
  member_names names;
  std::string key;  // a member name split across calls
  std::string duplicate;

  explicit strict_handler(std::string_view input) noexcept : names{input} {}

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    names.open();
    return true;
  }
  bool on_object_end(std::size_t n, error_code& ec) {
    if (names.large()) {
      if (auto dup = names.find_duplicate(); !dup.empty()) {
        duplicate.assign(dup);
        ec = errc::duplicate_member;
        return false;
      }
    }
    names.close();
    values.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    values.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, error_code&) {
    key.append(s.data(), s.size());
    values.push_chars(s);
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, error_code& ec) {
    bool fresh;
    if (key.empty()) {
      fresh = names.add({s.data(), s.size()});
    } else {
      key.append(s.data(), s.size());
      fresh = names.add(key);
    }
    if (!fresh) {
      duplicate = key.empty() ? std::string{s.data(), s.size()} : key;
      ec = errc::duplicate_member;
      return false;
    }
    key.clear();
    values.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code&) {
    values.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, error_code&) {
    values.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code&) {
    values.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code&) {
    values.push_uint64(u);
    return true;
  }
  // A number beyond a double's range would be infinity here and something else (an error, a
  // big decimal, Infinity) in the backend, and its serialization is not JSON: refused.
  bool on_double(double d, bj::string_view, error_code& ec) {
    if (!std::isfinite(d)) {
      ec = errc::number_out_of_range;
      return false;
    }
    values.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    values.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    values.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, error_code&) { return false; }
  bool on_comment(bj::string_view, error_code&) { return false; }
};

bj::parse_options options_for(const limits& lim) {
  bj::parse_options opt;
  opt.max_depth = lim.max_depth;
  return opt;
}

// Feeds the whole text to `parser` and maps its outcome to our errors; parse() and validate()
// differ only in the handler's Values.
template <class Values>
result<void, parse_error> run(bj::basic_parser<strict_handler<Values>>& parser,
                              std::string_view text, const limits& lim) {
  if (text.size() > lim.max_bytes) {
    return parse_error{errc::too_large, lim.max_bytes, {}};
  }
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec == bj::error::too_deep) {
    ec = errc::too_deep;
  }
  if (ec) {
    return parse_error{ec, used, std::move(parser.handler().duplicate)};
  }
  if (used != text.size()) {
    return parse_error{bj::error::extra_data, used, {}};
  }
  return {};
}

}  // namespace

result<boost::json::value, parse_error> parse(std::string_view text, const limits& lim,
                                              boost::json::storage_ptr sp) {
  bj::basic_parser<strict_handler<bj::value_stack>> parser{options_for(lim), text};
  parser.handler().values.reset(std::move(sp));
  if (auto r = run(parser, text, lim); !r) {
    return std::move(r).error();
  }
  return parser.handler().values.release();
}

result<void, parse_error> validate(std::string_view text, const limits& lim) {
  bj::basic_parser<strict_handler<no_values>> parser{options_for(lim), text};
  return run(parser, text, lim);
}

}  // namespace mcpgate::json
