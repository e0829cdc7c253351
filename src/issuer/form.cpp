#include "issuer/form.hpp"
#include "issuer/url_text.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>

namespace mcpgate::issuer {

namespace {

boost::urls::encoding_opts form_opts() {
  boost::urls::encoding_opts o;
  o.space_as_plus = true;
  return o;
}

// Standard base64 (RFC 4648 §4) with padding, as HTTP Basic uses it.
constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view in) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) {
    out += alphabet[(acc << (6 - bits)) & 63];
  }
  while (out.size() % 4 != 0) {
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view in) {
  while (!in.empty() && in.back() == '=') {
    in.remove_suffix(1);
  }
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const auto pos = alphabet.find(c);
    if (pos == std::string_view::npos) {
      return std::nullopt;
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> form_decode(std::string_view s) {
  auto pct = boost::urls::make_pct_string_view(url_view_of(s));
  if (!pct) {
    return std::nullopt;
  }
  return pct->decode(form_opts());
}

}  // namespace

std::optional<std::string_view> form::get(std::string_view key) const noexcept {
  const auto it =
      std::find_if(params_.begin(), params_.end(), [&](const auto& p) { return p.first == key; });
  if (it == params_.end()) {
    return std::nullopt;
  }
  return std::string_view{it->second};
}

std::string_view form::value(std::string_view key) const noexcept {
  return get(key).value_or(std::string_view{});
}

oauth_result<form> parse_form(std::string_view text, const form_limits& lim) {
  form f;
  if (text.empty()) {
    return f;
  }
  // Boost.URL 1.81's parse_query reads up to a NUL whatever length it is given (seen with
  // AddressSanitizer on a query inside a request target): hand it a NUL-terminated copy.
  const std::string owned{text};
  const auto parsed = boost::urls::parse_query(url_view_of(owned));
  if (!parsed) {
    return fail(errc::invalid_request, "malformed form encoding");
  }
  for (const auto& p : *parsed) {
    if (f.params().size() >= lim.max_params) {
      return fail(errc::invalid_request, "too many parameters");
    }
    std::string key = p.key.decode(form_opts());
    if (key.empty()) {
      continue;
    }
    if (f.has(key)) {
      return fail(errc::invalid_request, "parameter \"" + key + "\" given more than once");
    }
    std::string value = p.has_value ? p.value.decode(form_opts()) : std::string{};
    f.add(std::move(key), std::move(value));
  }
  return f;
}

std::string encode_form(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += boost::urls::encode(k, boost::urls::unreserved_chars);
    out += '=';
    out += boost::urls::encode(v, boost::urls::unreserved_chars);
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> parse_basic_auth(std::string_view header) {
  constexpr std::string_view scheme = "basic ";
  if (header.size() <= scheme.size() ||
      !std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    return std::nullopt;
  }
  const auto decoded = base64_decode(header.substr(scheme.size()));
  if (!decoded) {
    return std::nullopt;
  }
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) {
    return std::nullopt;
  }
  auto id = form_decode(std::string_view{*decoded}.substr(0, colon));
  auto secret = form_decode(std::string_view{*decoded}.substr(colon + 1));
  if (!id || !secret) {
    return std::nullopt;
  }
  return std::pair{std::move(*id), std::move(*secret)};
}

std::string basic_credentials(std::string_view id, std::string_view secret) {
  return "Basic " + base64_encode(encode_form({{"a", std::string{id}}}).substr(2) + ":" +
                                  encode_form({{"a", std::string{secret}}}).substr(2));
}

}  // namespace mcpgate::issuer
