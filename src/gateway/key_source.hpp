#pragma once

#include "http/message.hpp"
#include "jose/key_set.hpp"

#include <memory>
#include <string>

namespace mcpgate::gateway {

// Where a provider's verification keys come from: a JWKS given inline or in a file (fixed), or
// fetched from a remote URL and refreshed (remote_key_source). Shared by all workers.
class key_source {
 public:
  virtual ~key_source() = default;

  // The keys to verify with now; null when there are none (never fetched, or stale past the
  // configured maximum age): tokens then fail with jose::errc::no_keys.
  virtual std::shared_ptr<const jose::key_set> current() const = 0;

  // A token needs keys the source lacks: its kid is unknown, or there are no keys yet (the first
  // fetch still running at start). A remote source refetches when its cooldown allows (or joins
  // the fetch in flight) and completes when that fetch has finished, so the caller can retry
  // once; a fixed source completes at once.
  virtual http::task<void> on_missing_keys() = 0;

  // For /readyz: the keys are available.
  virtual bool ready() const { return current() != nullptr; }

  // For logs and /config: "inline JWKS (2 keys)", "https://tenant/.well-known/jwks.json".
  virtual std::string describe() const = 0;
};

// A JWKS known at load time (jwks.inline, or a file).
class fixed_key_source final : public key_source {
 public:
  fixed_key_source(std::shared_ptr<const jose::key_set> keys, std::string description)
      : keys_{std::move(keys)}, description_{std::move(description)} {}

  std::shared_ptr<const jose::key_set> current() const override { return keys_; }
  http::task<void> on_missing_keys() override;
  std::string describe() const override { return description_; }

 private:
  std::shared_ptr<const jose::key_set> keys_;
  std::string description_;
};

}  // namespace mcpgate::gateway
