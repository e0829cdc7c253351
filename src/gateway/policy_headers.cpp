#include "gateway/policy_headers.hpp"

#include "core/ascii.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace mcpgate::gateway {

policy_headers::policy_headers(const boost::beast::http::fields& h) {
  std::vector<std::pair<std::string_view, std::string_view>> fields;  // lower-case name, value
  const auto count = static_cast<std::size_t>(std::distance(h.begin(), h.end()));
  names_.reserve(count);
  joined_.reserve(count);
  fields.reserve(count);
  for (const auto& f : h) {
    const std::string& name =
        names_.emplace_back(core::ascii_lowered({f.name_string().data(), f.name_string().size()}));
    fields.emplace_back(name, std::string_view{f.value().data(), f.value().size()});
  }
  // Grouped by name, each group in arrival order: n log n, whatever a client repeats.
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  entries_.reserve(fields.size());
  for (std::size_t i = 0; i < fields.size();) {
    std::size_t j = i + 1;
    while (j < fields.size() && fields[j].first == fields[i].first) {
      ++j;
    }
    std::string_view value = fields[i].second;
    if (j - i > 1) {
      std::string& all = joined_.emplace_back(value);
      for (std::size_t k = i + 1; k < j; ++k) {
        all.append(", ").append(fields[k].second);
      }
      value = all;
    }
    entries_.push_back({fields[i].first, cel::value::borrowed_string(value)});
    i = j;
  }
}

}  // namespace mcpgate::gateway
