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

bool framing_ok(const beast::http::request_header<>& head, bool chunked) noexcept {
  if (head.count(field::transfer_encoding) == 0) {
    return true;
  }
  return chunked && head.count(field::content_length) == 0;
}

}  // namespace mcpgate::http
