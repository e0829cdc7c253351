#include "gateway/body_coding.hpp"

#include "core/ascii.hpp"
#include "http/message.hpp"

namespace mcpgate::gateway {

namespace {

// A charset parameter (or its RFC 2231 form, charset*) whose value is not UTF-8.
bool foreign_charset(std::string_view content_type) noexcept {
  const auto params = content_type.find(';');
  if (params == std::string_view::npos) {
    return false;
  }
  bool foreign = false;
  core::for_each_separated(content_type.substr(params + 1), ';', [&](std::string_view p) {
    const auto eq = p.find('=');
    const auto name = core::trim_ows(p.substr(0, eq));
    if (!core::istarts_with(name, "charset")) {
      return;
    }
    auto value =
        eq == std::string_view::npos ? std::string_view{} : core::trim_ows(p.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    foreign = foreign || name.size() != 7 || !core::iequals(value, "utf-8");
  });
  return foreign;
}

}  // namespace

std::string_view unreadable_body(const boost::beast::http::fields& h) noexcept {
  if (http::count_of(h, http::field::content_type) > 1) {
    return "more than one Content-Type";
  }
  if (foreign_charset(http::value_of(h, http::field::content_type))) {
    return "the body must be UTF-8 (charset=utf-8 or none)";
  }
  bool coded = false;
  for (const auto& f : h) {
    if (f.name() == http::field::content_encoding) {
      core::for_each_list_element({f.value().data(), f.value().size()}, [&](std::string_view c) {
        coded = coded || !core::iequals(c, "identity");
      });
    }
  }
  return coded ? "a content coding the gateway cannot inspect" : std::string_view{};
}

}  // namespace mcpgate::gateway
