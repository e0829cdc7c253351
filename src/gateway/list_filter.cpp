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

// The name of one list entry: its `key` member when the entry is an object and that member a
// string. The entry's text alone is read, so its name cannot come from anywhere else.
result<std::optional<std::string>> entry_name(std::string_view entry, std::string_view key,
                                              std::string& buffer) {
  if (entry.empty() || entry.front() != '{') {
    return std::optional<std::string>{};
  }
  const auto at = json::find_member(entry, 0, key);
  if (!at) {
    return filter_errc::not_json;
  }
  if (*at == json::npos || entry[*at] != '"') {
    return std::optional<std::string>{};
  }
  const std::size_t end = json::value_end(entry, *at);
  const auto name =
      end == json::npos ? std::nullopt : json::decode_string(entry.substr(*at, end - *at), buffer);
  if (!name) {
    return filter_errc::not_json;
  }
  return std::optional<std::string>{std::string{*name}};
}

// Reads the list out of a result value that is strict JSON (validated as part of its message).
result<list_index> read_list(std::string_view result, mcp::list_kind kind) {
  if (result.empty() || result.front() != '{') {
    return filter_errc::not_a_result;
  }
  const auto member = mcp::list_member(kind);
  if (member.empty()) {
    return filter_errc::bad_shape;
  }
  const auto list = json::find_member(result, 0, member);
  if (!list) {
    return filter_errc::not_json;
  }
  if (*list == json::npos || result[*list] != '[') {
    return filter_errc::bad_shape;
  }
  list_index index;
  index.kind = kind;
  index.result = std::string{result};
  index.first = json::skip_whitespace(result, *list + 1);
  const auto key = mcp::list_key(kind);
  std::string buffer;
  json::array_reader entries{result, *list};
  while (auto entry = entries.next()) {
    auto name = entry_name(result.substr(entry->begin, entry->end - entry->begin), key, buffer);
    if (!name) {
      return name.error();
    }
    index.entries.push_back({entry->begin, entry->end, std::move(*name)});
  }
  if (entries.failed()) {
    return filter_errc::not_json;
  }
  return index;
}

// The message with the hidden entries cut out of its result, which starts at `at` and is
// `index.result`: the text up to the first entry (through the '[' and the whitespace after it);
// the shown entries, each but the first one written preceded by the separator (whitespace, one
// comma, whitespace) that precedes it in the input; the text from the end of the last entry on.
// So two entries are always one comma apart, and every other byte is the input's.
filtered_list splice(std::string_view message, std::size_t at, const list_index& index,
                     const std::function<bool(std::string_view)>& visible) {
  const std::string_view result = index.result;
  filtered_list out;
  out.body.reserve(message.size());
  out.body.append(message.substr(0, at));
  out.body.append(result.substr(0, index.first));
  std::size_t prev_end = index.first;
  for (const auto& entry : index.entries) {
    if (entry.name && visible(*entry.name)) {
      const std::size_t from = out.kept == 0 ? entry.begin : prev_end;
      out.body.append(result.substr(from, entry.end - from));
      ++out.kept;
    } else {
      ++out.removed;
    }
    prev_end = entry.end;
  }
  out.body.append(result.substr(prev_end));
  out.body.append(message.substr(at + result.size()));
  return out;
}

// Where the value of the message's top-level `result` member starts: npos when there is none,
// nullopt when the message is not an object (or cannot be read).
std::optional<std::size_t> result_at(std::string_view message) {
  return json::find_member(message, json::skip_whitespace(message, 0), "result");
}

// The reuse of list_cache: `message` holds the kept result at the place of its `result` member,
// and the rest of it, with `{}` standing in for the result, is strict JSON. Then the whole message
// is: the result's bytes are an object that was validated at that same place, and replacing one
// object of a strict document by another keeps it strict (an object ends with '}', so what may
// follow `{}` may follow it; a scalar stand-in such as 0 would let ".5" or "e1" continue it). The
// place is found by reading the message before the result only, which is the same text in the
// stand-in document.
std::optional<std::size_t> kept_result_at(std::string_view message, const list_index& index) {
  const auto at = result_at(message);
  if (!at || *at == json::npos || message.size() > json::limits{}.max_bytes ||
      message.compare(*at, index.result.size(), index.result) != 0) {
    return std::nullopt;
  }
  std::string rest;
  rest.reserve(message.size() - index.result.size() + 2);
  rest.append(message.substr(0, *at));
  rest += "{}";
  rest.append(message.substr(*at + index.result.size()));
  if (!json::validate(rest)) {
    return std::nullopt;
  }
  return at;
}

}  // namespace

const boost::system::error_category& filter_category() noexcept {
  static const filter_category_impl instance;
  return instance;
}

const list_index* list_cache::find(mcp::list_kind kind) const noexcept {
  const auto slot = static_cast<std::size_t>(kind);
  return slot < kinds && last_[slot] ? &*last_[slot] : nullptr;
}

void list_cache::keep(list_index index) {
  const auto slot = static_cast<std::size_t>(index.kind);
  if (slot < kinds && index.result.size() <= max_result_bytes) {
    last_[slot] = std::move(index);
  }
}

result<filtered_list> filter_list(std::string_view message, mcp::list_kind kind,
                                  const std::function<bool(std::string_view)>& visible,
                                  list_cache* cache) {
  if (const list_index* kept = cache ? cache->find(kind) : nullptr) {
    if (const auto at = kept_result_at(message, *kept)) {
      return splice(message, *at, *kept, visible);
    }
  }
  // Validated first, so that the reading in place below sees strict JSON only: no duplicate
  // member can show the backend one name and us another, and every boundary found below is one
  // the parser found too.
  if (!json::validate(message)) {
    return filter_errc::not_json;
  }
  const auto res = result_at(message);
  if (!res) {
    return filter_errc::not_json;
  }
  if (*res == json::npos) {
    const auto err = json::find_member(message, json::skip_whitespace(message, 0), "error");
    if (err && *err != json::npos) {
      return filtered_list{std::string{message}, 0, 0};
    }
    return filter_errc::not_a_result;
  }
  const std::size_t end = json::value_end(message, *res);
  if (end == json::npos) {
    return filter_errc::not_json;
  }
  auto index = read_list(message.substr(*res, end - *res), kind);
  if (!index) {
    return index.error();
  }
  auto out = splice(message, *res, *index, visible);
  if (cache) {
    cache->keep(std::move(*index));
  }
  return out;
}

}  // namespace mcpgate::gateway
