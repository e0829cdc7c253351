#include "jose/error.hpp"

#include "core/error.hpp"

namespace mcpgate::jose {

namespace {

struct entry {
  const char* name;
  const char* description;
};

// Indexed by errc; names are the classes logged and counted by the gateway.
constexpr entry entries[] = {
    {"ok", "success"},
    {"malformed", "token is not a well-formed compact JWS"},
    {"malformed_header", "protected header is malformed"},
    {"malformed_claim", "a claim has the wrong type or value"},
    {"duplicate_member", "JSON object has a duplicate member"},
    {"limits", "token exceeds a size or depth limit"},
    {"jwe_not_supported", "encrypted tokens (JWE) are not accepted"},
    {"alg_not_allowed", "algorithm not allowed"},
    {"crit", "critical header extension not understood"},
    {"unknown_kid", "no usable key for the token's key id"},
    {"key_alg_mismatch", "key type does not match the algorithm"},
    {"bad_key", "key rejected"},
    {"bad_signature", "signature verification failed"},
    {"typ", "token type not accepted"},
    {"iss", "issuer not accepted"},
    {"aud", "audience not accepted"},
    {"expired", "token expired"},
    {"not_yet_valid", "token not yet valid"},
    {"iat", "token issued in the future"},
    {"missing_claim", "required claim missing"},
    {"unsupported", "not supported"},
    {"no_keys", "key set unavailable"},
    {"crypto", "cryptographic library failure"},
};

constexpr int entry_count = static_cast<int>(sizeof(entries) / sizeof(entries[0]));

class jose_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.jose"; }

 protected:
  const char* describe(int ev) const noexcept override {
    return ev >= 0 && ev < entry_count ? entries[ev].description : "unknown jose error";
  }
};

}  // namespace

const boost::system::error_category& jose_category() noexcept {
  static const jose_category_impl instance;
  return instance;
}

std::string_view error_class(const error_code& ec) noexcept {
  if (ec.category() != jose_category()) {
    return "internal";
  }
  const int ev = ec.value();
  return ev >= 0 && ev < entry_count ? entries[ev].name : "internal";
}

std::string describe(const error_code& ec) {
  std::string out{error_class(ec)};
  out += ": ";
  out += ec.message();
  return out;
}

}  // namespace mcpgate::jose
