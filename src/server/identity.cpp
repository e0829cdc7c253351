#include "server/identity.hpp"

#include "http/client.hpp"
#include "jose/error.hpp"
#include "jose/key_file.hpp"
#include "jose/verifier.hpp"
#include "server/error.hpp"

#include <utility>

namespace mcpgate::server {

namespace {

bool is_url(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://");
}

result<jose::key_set> load_keys(const std::string& source) {
  if (!is_url(source)) {
    return jose::key_set_from_file(source);
  }
  http::fetch_options fo;
  fo.headers.emplace_back("Accept", "application/json");
  fo.limits.connect_timeout = std::chrono::seconds{2};
  fo.limits.response_timeout = std::chrono::seconds{5};
  auto res = http::fetch(source, fo);
  if (!res) {
    return res.error();
  }
  if (res->result() != http::status::ok) {
    return make_error_code(errc::io_error);
  }
  return jose::key_set::parse(res->body());
}

}  // namespace

identity_verifier::identity_verifier(identity_options options, const core::clock& clock)
    : options_(std::move(options)), clock_(clock) {}

error_code identity_verifier::preload() {
  if (options_.jwks_source.empty() || is_url(options_.jwks_source)) {
    return {};
  }
  auto loaded = load_keys(options_.jwks_source);
  if (!loaded) {
    return loaded.error();
  }
  std::lock_guard lock{mu_};
  keys_ = std::make_shared<const jose::key_set>(std::move(*loaded));
  fetched_ = true;
  return {};
}

std::shared_ptr<const jose::key_set> identity_verifier::keys(bool refetch) {
  std::lock_guard lock{mu_};
  const auto now = std::chrono::steady_clock::now();
  // Without keys (the first fetch failed: the gateway was not up yet, a network blip) every
  // check may try again once the cooldown has passed; with keys, only an unknown kid does.
  const bool cooled = now - last_fetch_ >= options_.refetch_cooldown;
  const bool may_fetch =
      is_url(options_.jwks_source) && (!fetched_ || ((refetch || !keys_) && cooled));
  if (may_fetch) {
    // Fetched under the lock: concurrent callers wait for one fetch instead of each making one.
    last_fetch_ = now;
    fetched_ = true;
    if (auto loaded = load_keys(options_.jwks_source)) {
      keys_ = std::make_shared<const jose::key_set>(std::move(*loaded));
    }
  }
  return keys_;
}

identity identity_verifier::check(std::string_view header_value) {
  identity out;
  if (header_value.empty()) {
    return out;
  }
  out.status = identity::kind::rejected;
  if (header_value.size() > options_.max_assertion_bytes) {
    out.reason = "identity assertion too large";
    return out;
  }
  if (options_.jwks_source.empty()) {
    out.reason = "identity assertion present but no --identity-jwks is configured to verify it";
    return out;
  }
  jose::verify_options vo;
  vo.claims.issuer = options_.issuer;
  vo.claims.audiences = options_.audiences;
  vo.claims.skew = options_.skew;
  auto keys = this->keys(false);
  if (!keys) {
    out.reason = "the identity key set could not be loaded";
    return out;
  }
  auto verified = jose::verify_jwt(header_value, *keys, vo, clock_);
  if (!verified && verified.error() == jose::errc::unknown_kid) {
    if (auto fresh = this->keys(true); fresh && fresh != keys) {
      verified = jose::verify_jwt(header_value, *fresh, vo, clock_);
    }
  }
  if (!verified) {
    out.reason = "identity assertion rejected: " + jose::describe(verified.error());
    return out;
  }
  out.status = identity::kind::verified;
  out.claims = std::move(verified->claims);
  return out;
}

}  // namespace mcpgate::server
