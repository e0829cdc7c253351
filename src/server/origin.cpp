#include "server/origin.hpp"

#include <algorithm>
#include <cctype>

namespace mcpgate::server {

namespace {

std::string lower(std::string_view s) {
  std::string out{s};
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

bool host_ok(const origin_policy& policy, std::string_view host_header) {
  const std::string host = host_of(host_header);
  if (host.empty()) {
    return false;
  }
  if (is_loopback_host(host)) {
    return true;
  }
  return std::any_of(policy.allowed_hosts.begin(), policy.allowed_hosts.end(),
                     [&](const std::string& h) { return lower(h) == host; });
}

}  // namespace

std::string host_of(std::string_view value) {
  std::string_view host = value;
  if (host.starts_with('[')) {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) {
      return {};
    }
    const std::string_view rest = host.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return {};
    }
    host = host.substr(0, close + 1);
  } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return lower(host);
}

bool request_allowed(const origin_policy& policy, std::string_view host, std::string_view origin) {
  if (policy.check_host && !host_ok(policy, host)) {
    return false;
  }
  if (origin.empty()) {
    return true;
  }
  const std::string o = lower(origin);
  if (std::any_of(policy.allowed_origins.begin(), policy.allowed_origins.end(),
                  [&](const std::string& a) { return lower(a) == o; })) {
    return true;
  }
  // A loopback page (the Inspector's UI, a local client) is welcome; "null" and others are not.
  for (std::string_view scheme : {"http://", "https://"}) {
    if (std::string_view{o}.starts_with(scheme)) {
      return is_loopback_host(host_of(std::string_view{o}.substr(scheme.size())));
    }
  }
  return false;
}

}  // namespace mcpgate::server
