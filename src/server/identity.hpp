#pragma once

// The caller's identity as the gateway asserts it: a short-lived JWT in X-Mcpgate-Identity,
// signed with the gateway's key (DESIGN.md, "Authentication"). The demo server believes it only
// after checking signature, issuer, audience and expiry against the gateway's JWKS; a header that
// fails any check is reported as rejected, never as the claims it carries.

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/key_set.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::server {

inline constexpr std::string_view identity_header = "X-Mcpgate-Identity";

struct identity_options {
  // A JWKS file path or an http(s) URL (e.g. the gateway's /.well-known/mcpgate/jwks.json).
  // Empty: no key is trusted, so any assertion is rejected.
  std::string jwks_source;
  std::string issuer = "mcpgate";
  // The assertion's aud must name one of these.
  std::vector<std::string> audiences;
  std::chrono::seconds skew{60};
  // A remote JWKS is fetched when first needed and again (at most this often) when a token names
  // a key it does not hold, so the gateway may start after us and may rotate its key.
  std::chrono::seconds refetch_cooldown{10};
  // An assertion is a few hundred bytes; anything far larger is not one.
  std::size_t max_assertion_bytes = 16 * 1024;
};

struct identity {
  enum class kind { anonymous, verified, rejected };
  kind status = kind::anonymous;
  boost::json::object claims;  // verified only
  std::string reason;          // rejected only
};

class identity_verifier {
 public:
  identity_verifier(identity_options options, const core::clock& clock);

  // Replaces the accepted audiences; only before the server starts serving.
  void set_audiences(std::vector<std::string> audiences) {
    options_.audiences = std::move(audiences);
  }

  // Loads a file source now (a bad file is a start-up error); a URL is fetched lazily.
  error_code preload();

  // `header_value` empty: anonymous.
  identity check(std::string_view header_value);

 private:
  std::shared_ptr<const jose::key_set> keys(bool refetch);

  identity_options options_;
  const core::clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const jose::key_set> keys_;
  std::chrono::steady_clock::time_point last_fetch_{};
  bool fetched_ = false;
};

}  // namespace mcpgate::server
