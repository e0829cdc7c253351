#include "http/url.hpp"

#include "http/error.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>  // parse_uri: a fragment is allowed and dropped
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mcpgate::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::uint16_t default_port(std::string_view scheme) {
  return scheme == "https" ? 443 : 80;
}

bool is_ipv6(std::string_view host) {
  return host.find(':') != std::string_view::npos;
}

}  // namespace

bool url::is_loopback() const noexcept {
  if (host == "localhost") {
    return true;
  }
  error_code ec;
  auto addr = boost::asio::ip::make_address(host, ec);
  return !ec && addr.is_loopback();
}

std::string url::origin() const {
  std::string out = scheme + "://";
  out += is_ipv6(host) ? "[" + host + "]" : host;
  out += ':';
  out += std::to_string(port);
  return out;
}

std::string url::host_header() const {
  std::string out = is_ipv6(host) ? "[" + host + "]" : host;
  if (port != default_port(scheme)) {
    out += ':';
    out += std::to_string(port);
  }
  return out;
}

std::string url::to_string() const {
  return scheme + "://" + host_header() + target;
}

result<url> parse_url(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) {
    return make_error_code(errc::bad_url);
  }
  const boost::urls::url_view& v = *parsed;
  url out;
  out.scheme = lower(v.scheme());
  if (out.scheme != "http" && out.scheme != "https") {
    return make_error_code(errc::unsupported_scheme);
  }
  if (!v.has_authority() || v.has_userinfo()) {
    return make_error_code(errc::bad_url);
  }
  switch (v.host_type()) {
    case boost::urls::host_type::name:
      out.host = lower(v.encoded_host().decode());
      break;
    case boost::urls::host_type::ipv4:
      out.host = v.host_address();
      break;
    case boost::urls::host_type::ipv6:
      out.host = lower(v.host_address());
      break;
    default:  // empty host or IPvFuture
      return make_error_code(errc::bad_url);
  }
  if (out.host.empty()) {
    return make_error_code(errc::bad_url);
  }
  if (v.has_port()) {
    auto p = v.port();
    unsigned value = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (p.empty() || ec != std::errc{} || end != p.data() + p.size() || value == 0 ||
        value > 65535) {
      return make_error_code(errc::bad_url);
    }
    out.port = static_cast<std::uint16_t>(value);
  } else {
    out.port = default_port(out.scheme);
  }
  out.target = v.encoded_path().empty() ? "/" : std::string(v.encoded_path());
  if (v.has_query()) {
    out.target += '?';
    out.target += v.encoded_query();
  }
  return out;
}

}  // namespace mcpgate::http
