#include "config/url.hpp"

#include <algorithm>
#include <cctype>

namespace mcpgate::config {

namespace {

constexpr std::string_view any_address = "0.0.0.0";

bool valid_name_host(std::string_view host) {
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
  });
}

bool valid_ipv6_host(std::string_view host) {
  if (host.size() < 3 || host.front() != '[' || host.back() != ']') {
    return false;
  }
  const auto inner = host.substr(1, host.size() - 2);
  return std::all_of(inner.begin(), inner.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
  });
}

std::optional<std::uint16_t> parse_port(std::string_view text, bool allow_zero) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535 || (value == 0 && !allow_zero)) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

// Splits "host[:port]" where host may be a bracketed IPv6 address. Returns false when the text
// has a colon in a position that is neither.
bool split_authority(std::string_view authority, std::string_view& host, std::string_view& port,
                     bool& has_port) {
  has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return false;
    }
    host = authority.substr(0, close + 1);
    const auto rest = authority.substr(close + 1);
    if (rest.empty()) {
      return true;
    }
    if (rest.front() != ':') {
      return false;
    }
    port = rest.substr(1);
    has_port = true;
    return true;
  }
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos) {
    host = authority;
    return true;
  }
  host = authority.substr(0, colon);
  port = authority.substr(colon + 1);
  has_port = true;
  return host.find(':') == std::string_view::npos;
}

bool valid_host(std::string_view host) {
  return valid_name_host(host) || valid_ipv6_host(host);
}

}  // namespace

std::optional<url_parts> parse_http_url(std::string_view text, std::string& why) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      why = "URL contains whitespace or a control character";
      return std::nullopt;
    }
  }
  url_parts out;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    why = "expected an absolute URL starting with http:// or https://";
    return std::nullopt;
  }
  std::string scheme{text.substr(0, scheme_end)};
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") {
    why = "unsupported URL scheme \"" + scheme + "\" (expected http or https)";
    return std::nullopt;
  }
  out.scheme = scheme;
  auto rest = text.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) {
    why = "URL must not have a fragment";
    return std::nullopt;
  }
  const auto authority_end = rest.find_first_of("/?");
  const auto authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    why = "URL must not carry user info (credentials)";
    return std::nullopt;
  }
  std::string_view host;
  std::string_view port;
  bool has_port = false;
  if (!split_authority(authority, host, port, has_port) || !valid_host(host)) {
    why = "URL has an invalid host \"" + std::string{authority} + "\"";
    return std::nullopt;
  }
  out.host = std::string{host};
  if (has_port) {
    auto p = parse_port(port, false);
    if (!p) {
      why = "URL port \"" + std::string{port} + "\" is not in 1..65535";
      return std::nullopt;
    }
    out.port = *p;
    out.explicit_port = true;
  } else {
    out.port = out.scheme == "https" ? 443 : 80;
  }
  const auto query_start = rest.find('?');
  out.path = std::string{rest.substr(0, query_start)};
  if (query_start != std::string_view::npos) {
    out.query = std::string{rest.substr(query_start + 1)};
  }
  return out;
}

std::optional<host_port> parse_host_port(std::string_view text, bool allow_zero, std::string& why) {
  std::string_view host;
  std::string_view port;
  bool has_port = false;
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    host = any_address;
    port = text;
    has_port = true;
  } else if (!split_authority(text, host, port, has_port) || !has_port) {
    why = "expected HOST:PORT, [IPv6]:PORT or :PORT, got \"" + std::string{text} + "\"";
    return std::nullopt;
  }
  if (host.empty()) {
    host = any_address;
  }
  if (!valid_host(host)) {
    why = "invalid host \"" + std::string{host} + "\"";
    return std::nullopt;
  }
  auto p = parse_port(port, allow_zero);
  if (!p) {
    why = "port \"" + std::string{port} + "\" is not in " + (allow_zero ? "0" : "1") + "..65535";
    return std::nullopt;
  }
  return host_port{std::string{host}, *p};
}

}  // namespace mcpgate::config
