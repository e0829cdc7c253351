#include "gateway/list_filter.hpp"

#include "core/error.hpp"
#include "json/scan.hpp"
#include "json/strict.hpp"

#include <optional>
#include <string>

namespace mcpgate::gateway {

namespace {

class filter_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.list_filter"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<filter_errc>(ev)) {
      case filter_errc::ok:
        return "success";
      case filter_errc::not_json:
        return "upstream list response is not valid JSON";
      case filter_errc::not_a_result:
        return "upstream list response has no result";
      case filter_errc::bad_shape:
        return "upstream list result has no list";
    }
    return "unknown list filter error";
  }
};

// Whether one list entry is shown: it must be an object whose `key` member is a string that
// `visible` accepts. The entry's text alone is read, so its name cannot come from anywhere else.
result<bool> is_shown(std::string_view entry, std::string_view key,
                      const std::function<bool(std::string_view)>& visible, std::string& buffer) {
  if (entry.empty() || entry.front() != '{') {
    return false;
  }
  const auto at = json::find_member(entry, 0, key);
  if (!at) {
    return filter_errc::not_json;
  }
  if (*at == json::npos || entry[*at] != '"') {
    return false;
  }
  const std::size_t end = json::value_end(entry, *at);
  const auto name =
      end == json::npos ? std::nullopt : json::decode_string(entry.substr(*at, end - *at), buffer);
  if (!name) {
    return filter_errc::not_json;
  }
  return visible(*name);
}

}  // namespace

const boost::system::error_category& filter_category() noexcept {
  static const filter_category_impl instance;
  return instance;
}

result<filtered_list> filter_list(std::string_view message, mcp::list_kind kind,
                                  const std::function<bool(std::string_view)>& visible) {
  // Validated first, so that the reading in place below sees strict JSON only: no duplicate
  // member can show the backend one name and us another, and every boundary found below is one
  // the parser found too.
  if (!json::validate(message)) {
    return filter_errc::not_json;
  }
  const std::size_t top = json::skip_whitespace(message, 0);
  const auto res = json::find_member(message, top, "result");
  if (!res) {
    return filter_errc::not_json;
  }
  if (*res == json::npos) {
    const auto err = json::find_member(message, top, "error");
    if (err && *err != json::npos) {
      return filtered_list{std::string{message}, 0, 0};
    }
    return filter_errc::not_a_result;
  }
  if (message[*res] != '{') {
    return filter_errc::not_a_result;
  }
  const auto member = mcp::list_member(kind);
  if (member.empty()) {
    return filter_errc::bad_shape;
  }
  const auto list = json::find_member(message, *res, member);
  if (!list) {
    return filter_errc::not_json;
  }
  if (*list == json::npos || message[*list] != '[') {
    return filter_errc::bad_shape;
  }

  // The output is the input without the hidden entries: the text up to the first entry (through
  // the '[' and the whitespace after it); the shown entries, each but the first one written
  // preceded by the separator (whitespace, one comma, whitespace) that precedes it in the input;
  // the text from the end of the last entry on. So two entries are always one comma apart, and
  // every other byte is the input's.
  filtered_list out;
  out.body.reserve(message.size());
  const auto key = mcp::list_key(kind);
  std::string buffer;
  std::size_t prev_end = json::skip_whitespace(message, *list + 1);
  out.body.append(message.substr(0, prev_end));
  json::array_reader entries{message, *list};
  while (auto entry = entries.next()) {
    const auto shown =
        is_shown(message.substr(entry->begin, entry->end - entry->begin), key, visible, buffer);
    if (!shown) {
      return shown.error();
    }
    if (*shown) {
      const std::size_t from = out.kept == 0 ? entry->begin : prev_end;
      out.body.append(message.substr(from, entry->end - from));
      ++out.kept;
    } else {
      ++out.removed;
    }
    prev_end = entry->end;
  }
  if (entries.failed()) {
    return filter_errc::not_json;
  }
  out.body.append(message.substr(prev_end));
  return out;
}

}  // namespace mcpgate::gateway
