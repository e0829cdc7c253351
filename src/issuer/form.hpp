#pragma once

#include "issuer/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::issuer {

struct form_limits {
  // Parameters in one form or query; OAuth requests have about ten.
  std::size_t max_params = 64;
};

// application/x-www-form-urlencoded parameters, decoded ('+' is a space).
class form {
 public:
  std::optional<std::string_view> get(std::string_view key) const noexcept;
  // The value, or "" when absent.
  std::string_view value(std::string_view key) const noexcept;
  bool has(std::string_view key) const noexcept { return get(key).has_value(); }
  void add(std::string key, std::string value) {
    params_.emplace_back(std::move(key), std::move(value));
  }
  const std::vector<std::pair<std::string, std::string>>& params() const noexcept {
    return params_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// Parses a form body or a query string. invalid_request for malformed percent-encoding, too
// many parameters, or a parameter given twice (RFC 6749 §3.1: "MUST NOT be included more than
// once"; two values would let two parsers disagree).
oauth_result<form> parse_form(std::string_view text, const form_limits& lim = {});

// Encodes pairs as a form body / query string.
std::string encode_form(const std::vector<std::pair<std::string, std::string>>& params);

// Client credentials from "Authorization: Basic …" (RFC 6749 §2.3.1: both parts were
// form-encoded before base64). nullopt when the header is not Basic or does not decode.
std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view header);

// The "Authorization: Basic …" value for a client id and secret (form-encoded, then base64).
std::string basic_credentials(std::string_view id, std::string_view secret);

}  // namespace mcpgate::issuer
