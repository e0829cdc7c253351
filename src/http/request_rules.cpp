#include "http/request_rules.hpp"

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
  return head.version() >= 11 && chunked && lengths == 0;
}

bool host_ok(const beast::http::request_header<>& head) noexcept {
  const auto hosts = count_of(head, field::host);
  return hosts == 1 || (hosts == 0 && head.version() < 11);
}

}  // namespace mcpgate::http
