#include "json/strict.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace mcpgate::json {

namespace {

namespace bj = boost::json;

// Member names of the objects currently open, innermost last. Names of one object are kept
// contiguous in `names_`; an object's slice is dropped when it closes.
class member_names {
 public:
  void open() { frames_.push_back(spans_.size()); }

  void close() {
    spans_.resize(frames_.back());
    arena_.resize(spans_.empty() ? 0 : spans_.back().offset + spans_.back().size);
    frames_.pop_back();
  }

  // Records `name` in the innermost object; false if it is already there. Small objects are
  // checked at once by a scan; large ones are sorted and checked when they close.
  bool add(std::string_view name) {
    const std::size_t first = frames_.back();
    const std::size_t count = spans_.size() - first;
    if (count < scan_limit) {
      for (std::size_t i = first; i < spans_.size(); ++i) {
        if (view(spans_[i]) == name) {
          return false;
        }
      }
    }
    spans_.push_back(
        {static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(name.size())});
    arena_.append(name);
    return true;
  }

  // For objects too large for the scan: the first duplicate among the innermost object's names.
  std::string_view find_duplicate_in_large() {
    const std::size_t first = frames_.back();
    if (spans_.size() - first <= scan_limit) {
      return {};
    }
    std::vector<span> sorted(spans_.begin() + static_cast<std::ptrdiff_t>(first), spans_.end());
    std::sort(sorted.begin(), sorted.end(), [this](span a, span b) { return view(a) < view(b); });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      if (view(sorted[i - 1]) == view(sorted[i])) {
        return view(sorted[i]);
      }
    }
    return {};
  }

 private:
  struct span {
    std::uint32_t offset;
    std::uint32_t size;
  };
  static constexpr std::size_t scan_limit = 32;

  std::string_view view(span s) const { return std::string_view{arena_}.substr(s.offset, s.size); }

  std::string arena_;
  std::vector<span> spans_;
  std::vector<std::size_t> frames_;
};

struct strict_handler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack stack;
  member_names names;
  std::string key;  // a member name split across calls
  std::string duplicate;

  explicit strict_handler(bj::storage_ptr sp) { stack.reset(std::move(sp)); }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    names.open();
    return true;
  }
  bool on_object_end(std::size_t n, error_code& ec) {
    if (auto dup = names.find_duplicate_in_large(); !dup.empty()) {
      duplicate.assign(dup);
      ec = errc::duplicate_member;
      return false;
    }
    names.close();
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    stack.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, error_code&) {
    key.append(s.data(), s.size());
    stack.push_chars(s);
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
    stack.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, error_code&) {
    stack.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code&) {
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code&) {
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view, error_code&) {
    stack.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    stack.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, error_code&) { return false; }
  bool on_comment(bj::string_view, error_code&) { return false; }
};

}  // namespace

result<boost::json::value, parse_error> parse(std::string_view text, const limits& lim,
                                              boost::json::storage_ptr sp) {
  if (text.size() > lim.max_bytes) {
    return parse_error{errc::too_large, lim.max_bytes, {}};
  }
  bj::parse_options opt;
  opt.max_depth = lim.max_depth;
  bj::basic_parser<strict_handler> parser{opt, std::move(sp)};
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
  return parser.handler().stack.release();
}

}  // namespace mcpgate::json
