#include "gateway/cors.hpp"
#include "core/ascii.hpp"

#include <algorithm>
#include <cctype>

namespace mcpgate::gateway {

using core::iequals;

namespace {

bool contains_ci(const std::vector<std::string>& list, std::string_view value) noexcept {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& s) { return iequals(s, value); });
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) {
      out += ", ";
    }
    out += p;
  }
  return out;
}

// "https://*.example.com" matches "https://a.example.com"; "http://localhost:*" any port.
bool wildcard_match(std::string_view pattern, std::string_view origin) noexcept {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) {
    return iequals(pattern, origin);
  }
  const auto prefix = pattern.substr(0, star);
  const auto suffix = pattern.substr(star + 1);
  if (origin.size() < prefix.size() + suffix.size() + 1) {
    return false;
  }
  if (!iequals(origin.substr(0, prefix.size()), prefix) ||
      !iequals(origin.substr(origin.size() - suffix.size()), suffix)) {
    return false;
  }
  // The wildcard stands for one DNS label, or for a port after ':', never for anything that
  // could move the origin elsewhere ("https://evil.com/x.example.com" does not match).
  const auto middle = origin.substr(prefix.size(), origin.size() - prefix.size() - suffix.size());
  const bool port = !prefix.empty() && prefix.back() == ':';
  return std::all_of(middle.begin(), middle.end(), [port](char c) {
    const auto u = static_cast<unsigned char>(c);
    return port ? std::isdigit(u) != 0 : (std::isalnum(u) != 0 || c == '-');
  });
}

}  // namespace

cors::cors(config::cors_policy policy) : policy_{std::move(policy)} {
  any_method_ = contains_ci(policy_.allow_methods, "*");
  any_header_ = contains_ci(policy_.allow_headers, "*");
  methods_ = join(policy_.allow_methods);
  auto expose = policy_.expose_headers;
  for (const char* always : {"Mcp-Session-Id", "WWW-Authenticate"}) {
    if (!contains_ci(expose, always)) {
      expose.emplace_back(always);
    }
  }
  expose_ = join(expose);
}

bool cors::is_preflight(std::string_view method, std::string_view origin,
                        std::string_view request_method) noexcept {
  return method == "OPTIONS" && !origin.empty() && !request_method.empty();
}

bool cors::origin_allowed(std::string_view origin) const noexcept {
  if (origin.empty()) {
    return false;
  }
  return std::any_of(policy_.allow_origins.begin(), policy_.allow_origins.end(),
                     [&](const std::string& p) { return p == "*" || wildcard_match(p, origin); });
}

std::optional<header_list> cors::preflight(std::string_view origin, std::string_view request_method,
                                           std::string_view request_headers) const {
  if (!origin_allowed(origin)) {
    return std::nullopt;
  }
  if (!any_method_ && !contains_ci(policy_.allow_methods, request_method)) {
    return std::nullopt;
  }
  header_list h;
  h.emplace_back("Access-Control-Allow-Origin", std::string{origin});
  h.emplace_back("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  h.emplace_back("Access-Control-Allow-Methods",
                 any_method_ ? std::string{request_method} : methods_);
  if (any_header_) {
    if (!request_headers.empty()) {
      h.emplace_back("Access-Control-Allow-Headers", std::string{request_headers});
    }
  } else if (!policy_.allow_headers.empty()) {
    h.emplace_back("Access-Control-Allow-Headers", join(policy_.allow_headers));
  }
  if (policy_.max_age) {
    h.emplace_back("Access-Control-Max-Age", std::to_string(policy_.max_age->count()));
  }
  if (policy_.allow_credentials) {
    h.emplace_back("Access-Control-Allow-Credentials", "true");
  }
  return h;
}

header_list cors::response_headers(std::string_view origin) const {
  header_list h;
  if (!origin_allowed(origin)) {
    return h;
  }
  // The origin is echoed rather than "*" so that credentials and Vary work the same way always.
  h.emplace_back("Access-Control-Allow-Origin", std::string{origin});
  h.emplace_back("Vary", "Origin");
  h.emplace_back("Access-Control-Expose-Headers", expose_);
  if (policy_.allow_credentials) {
    h.emplace_back("Access-Control-Allow-Credentials", "true");
  }
  return h;
}

}  // namespace mcpgate::gateway
