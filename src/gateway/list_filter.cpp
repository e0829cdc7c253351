#include "gateway/list_filter.hpp"

#include "core/error.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

#include <boost/json/serialize.hpp>

namespace mcpgate::gateway {

namespace bj = boost::json;

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

}  // namespace

const boost::system::error_category& filter_category() noexcept {
  static const filter_category_impl instance;
  return instance;
}

result<filtered_list> filter_list(std::string_view message, mcp::list_kind kind,
                                  const std::function<bool(std::string_view)>& visible) {
  auto parsed = json::parse(message);
  if (!parsed || !parsed->is_object()) {
    return filter_errc::not_json;
  }
  auto& obj = parsed->get_object();
  if (obj.contains("error") && !obj.contains("result")) {
    return filtered_list{std::string{message}, 0, 0};
  }
  auto* res = obj.if_contains("result");
  if (!res || !res->is_object()) {
    return filter_errc::not_a_result;
  }
  const auto member = mcp::list_member(kind);
  const auto key = mcp::list_key(kind);
  auto* list = res->get_object().if_contains(bj::string_view{member.data(), member.size()});
  if (member.empty() || !list || !list->is_array()) {
    return filter_errc::bad_shape;
  }
  auto& entries = list->get_array();
  filtered_list out;
  bj::array kept(entries.storage());
  kept.reserve(entries.size());
  for (auto& entry : entries) {
    const bj::string* name =
        entry.is_object() ? json::find_string(entry.get_object(), key) : nullptr;
    if (name && visible(json::view(*name))) {
      kept.push_back(std::move(entry));
    }
  }
  out.kept = kept.size();
  out.removed = entries.size() - kept.size();
  entries = std::move(kept);
  out.body = bj::serialize(*parsed);
  return out;
}

}  // namespace mcpgate::gateway
