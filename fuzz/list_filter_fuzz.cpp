// filter_list (validation, then cutting entries out of the text in place) against the same
// contract computed on the parsed document, for every list kind: both must agree on whether the
// message can be filtered and why not, and the output must be strict JSON whose value is the
// document with exactly the hidden entries removed. A disagreement is a parser differential that
// could show an entry the policy hides.
//
// The input may hold two messages separated by a 0xFF byte (never part of UTF-8 JSON): the first
// fills a list_cache, and filtering the second with that cache must give exactly what filtering it
// without one gives, whatever else the second message changes around an identical result.
#include "gateway/list_filter.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace mcpgate;
namespace bj = boost::json;

// Deterministic, and true for about half of the names.
bool visible(std::string_view name) {
  return name.size() % 2 == 0;
}

struct expectation {
  error_code error;        // filter_list must fail with this
  bool unchanged = false;  // an error response, passed through as it came
  // Otherwise: the document without the hidden entries, serialized. Compared as text, since a
  // number such as 0e400 parses to NaN, which equals nothing.
  std::string filtered;
  std::size_t kept = 0;
  std::size_t removed = 0;
};

expectation expect(std::string_view message, mcp::list_kind kind) {
  expectation e;
  auto parsed = json::parse(message);
  if (!parsed || !parsed->is_object()) {
    e.error = gateway::filter_errc::not_json;
    return e;
  }
  auto& top = parsed->get_object();
  auto* res = top.if_contains("result");
  if (!res && top.contains("error")) {
    e.unchanged = true;
    return e;
  }
  if (!res || !res->is_object()) {
    e.error = gateway::filter_errc::not_a_result;
    return e;
  }
  const auto member = mcp::list_member(kind);
  auto* list = member.empty()
                   ? nullptr
                   : res->get_object().if_contains(bj::string_view{member.data(), member.size()});
  if (!list || !list->is_array()) {
    e.error = gateway::filter_errc::bad_shape;
    return e;
  }
  bj::array shown;
  for (const auto& entry : list->get_array()) {
    const bj::string* name =
        entry.is_object() ? json::find_string(entry.get_object(), mcp::list_key(kind)) : nullptr;
    if (name && visible(json::view(*name))) {
      shown.push_back(entry);
    } else {
      ++e.removed;
    }
  }
  e.kept = shown.size();
  *list = std::move(shown);
  e.filtered = bj::serialize(*parsed);
  return e;
}

bool same(const result<gateway::filtered_list>& a, const result<gateway::filtered_list>& b) {
  if (!a || !b) {
    return !a && !b && a.error() == b.error();
  }
  return a->body == b->body && a->kept == b->kept && a->removed == b->removed;
}

// A cache filled by `first` must not change how `second` is filtered.
void check_cache(std::string_view first, std::string_view second, mcp::list_kind kind) {
  gateway::list_cache cache;
  if (!same(gateway::filter_list(first, kind, visible, &cache),
            gateway::filter_list(first, kind, visible))) {
    __builtin_trap();
  }
  if (!same(gateway::filter_list(second, kind, visible, &cache),
            gateway::filter_list(second, kind, visible))) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input{reinterpret_cast<const char*>(data), size};
  if (const auto cut = input.find('\xff'); cut != std::string_view::npos) {
    for (const auto kind : {mcp::list_kind::tools, mcp::list_kind::resources}) {
      check_cache(input.substr(0, cut), input.substr(cut + 1), kind);
    }
    return 0;
  }
  const std::string_view message = input;
  for (const auto kind : {mcp::list_kind::tools, mcp::list_kind::prompts, mcp::list_kind::resources,
                          mcp::list_kind::resource_templates, mcp::list_kind::none}) {
    const auto want = expect(message, kind);
    const auto got = gateway::filter_list(message, kind, visible);
    if (want.error) {
      if (got || got.error() != want.error) {
        __builtin_trap();
      }
      continue;
    }
    if (!got) {
      __builtin_trap();
    }
    if (want.unchanged) {
      if (got->body != message || got->kept != 0 || got->removed != 0) {
        __builtin_trap();
      }
      continue;
    }
    const auto out = json::parse(got->body);
    if (!out || bj::serialize(*out) != want.filtered || got->kept != want.kept ||
        got->removed != want.removed) {
      __builtin_trap();
    }
  }
  return 0;
}
