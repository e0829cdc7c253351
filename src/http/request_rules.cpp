#include "http/request_rules.hpp"

#include <algorithm>

#include "core/ascii.hpp"

namespace mcpgate::http {

bool has_obs_fold(std::string_view head) noexcept {
  for (auto p = head.find("\r\n"); p != std::string_view::npos; p = head.find("\r\n", p + 2)) {
    if (p + 2 < head.size() && (head[p + 2] == ' ' || head[p + 2] == '\t')) {
      return true;
    }
  }
  return false;
}

bool has_bare_lf(std::string_view head, std::size_t from) noexcept {
  for (auto p = head.find('\n', from); p != std::string_view::npos; p = head.find('\n', p + 1)) {
    if (p == 0 || head[p - 1] != '\r') {
      return true;
    }
  }
  return false;
}

namespace {

// The request's transfer codings are "chunked" alone. The gateway decodes no other (RFC 9112
// §6.1): a body still gzip-coded under chunked would be forwarded re-framed as if it were plain,
// and chunked applied twice is forbidden.
bool only_chunked(const beast::http::request_header<>& head) noexcept {
  std::size_t codings = 0;
  bool chunked = true;
  for (const auto& f : head) {
    if (f.name() == field::transfer_encoding) {
      core::for_each_list_element({f.value().data(), f.value().size()},
                                  [&](std::string_view coding) {
                                    ++codings;
                                    chunked = chunked && core::iequals(coding, "chunked");
                                  });
    }
  }
  return codings == 1 && chunked;
}

}  // namespace

bool framing_ok(const beast::http::request_header<>& head, bool chunked) noexcept {
  const auto lengths = count_of(head, field::content_length);
  if (lengths > 1) {
    return false;
  }
  if (lengths == 1) {
    const auto value = value_of(head, field::content_length);
    if (value.empty()) {
      return false;
    }
    for (const char ch : value) {
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
  }
  if (count_of(head, field::transfer_encoding) == 0) {
    return true;
  }
  return head.version() >= 11 && chunked && lengths == 0 && only_chunked(head);
}

bool host_ok(const beast::http::request_header<>& head) noexcept {
  const auto hosts = count_of(head, field::host);
  return hosts == 1 || (hosts == 0 && head.version() < 11);
}

bool path_normal(std::string_view path) noexcept {
  if (path.empty() || path.front() != '/') {
    return false;
  }
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    const char l = static_cast<char>(c | 0x20);
    return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
  };
  std::size_t segment = 1;  // where the current segment starts
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      const auto s = path.substr(segment, i - segment);
      // An empty segment is "//" (a trailing '/' is the empty last segment, allowed).
      if ((s.empty() && i != path.size()) || s == "." || s == "..") {
        return false;
      }
      segment = i + 1;
      continue;
    }
    const auto u = static_cast<unsigned char>(path[i]);
    if (path[i] == '\\' || u >= 0x80 || u < 0x20 || u == 0x7f) {
      return false;  // a backslash, or a byte a target must percent-encode (RFC 3986 §2)
    }
    if (path[i] == '%') {
      if (i + 2 >= path.size()) {
        return false;
      }
      const int hi = hex(path[i + 1]);
      const int lo = hex(path[i + 2]);
      if (hi < 0 || lo < 0) {
        return false;
      }
      const auto c = static_cast<unsigned char>(hi * 16 + lo);
      const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                              c == '~';
      if (unreserved || c == '/' || c == '\\') {
        return false;
      }
      i += 2;
    }
  }
  return true;
}

bool uri_normal(std::string_view uri) noexcept {
  for (const char c : uri) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return false;
    }
  }
  const auto colon = uri.find(':');
  if (colon == 0 || colon == std::string_view::npos || uri[0] < 'a' || uri[0] > 'z') {
    return false;
  }
  const auto scheme = uri.substr(0, colon);
  for (const char c : scheme) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
      return false;
    }
  }
  auto rest = uri.substr(colon + 1);
  rest = rest.substr(0, rest.find_first_of("?#"));
  const bool special = scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" ||
                       scheme == "ftp" || scheme == "file";
  if (rest.substr(0, 2) != "//") {
    return !special && (rest.empty() || rest.front() != '/' || path_normal(rest));
  }
  rest.remove_prefix(2);
  const auto path_at = std::min(rest.find('/'), rest.size());
  for (const char c : rest.substr(0, path_at)) {
    if ((c >= 'A' && c <= 'Z') || c == '\\') {
      return false;
    }
  }
  const auto path = rest.substr(path_at);
  return path.empty() || path_normal(path);
}

}  // namespace mcpgate::http
