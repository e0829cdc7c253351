#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace mcpgate::jose {

// JWS algorithms this module implements (RFC 7518 §3, RFC 8037, RFC 9864 "Ed25519").
enum class alg : std::uint8_t {
  rs256,
  rs384,
  rs512,
  ps256,
  ps384,
  ps512,
  es256,
  es384,
  es512,
  eddsa,    // "EdDSA" with an Ed25519 key (Ed448 is not supported)
  ed25519,  // "Ed25519", the fully specified name of RFC 9864
  hs256,    // HMAC: only with an explicitly given secret, never from a key set
  hs384,
  hs512,
};

inline constexpr std::size_t alg_count = 14;

enum class key_family : std::uint8_t { rsa, ec, okp, oct };

enum class digest : std::uint8_t { none, sha256, sha384, sha512 };

// The registered name ("RS256"); exact and case-sensitive as RFC 7515 §4.1.1 requires.
std::string_view alg_name(alg a) noexcept;
std::optional<alg> alg_from_name(std::string_view name) noexcept;

key_family family_of(alg a) noexcept;
digest digest_of(alg a) noexcept;
bool is_pss(alg a) noexcept;
bool is_hmac(alg a) noexcept;

// For ES*: the curve's JWK name ("P-256") and the size in bytes of r and of s.
std::string_view ec_curve_of(alg a) noexcept;
std::size_t ec_coordinate_size(alg a) noexcept;

// A set of algorithms, e.g. a provider's allowlist. Cheap to copy and test.
class alg_set {
 public:
  constexpr alg_set() noexcept = default;

  static alg_set of(std::initializer_list<alg> algs) noexcept {
    alg_set s;
    for (alg a : algs) {
      s.add(a);
    }
    return s;
  }

  // Every asymmetric algorithm: the default allowlist when none is configured.
  static alg_set all_asymmetric() noexcept;

  // Parses "RS256,ES256" (comma-separated, no spaces); nullopt names the first unknown entry
  // through `bad`.
  static std::optional<alg_set> parse(std::string_view list, std::string* bad = nullptr);

  void add(alg a) noexcept { bits_ |= bit(a); }
  bool contains(alg a) const noexcept { return (bits_ & bit(a)) != 0; }
  bool empty() const noexcept { return bits_ == 0; }
  bool has_hmac() const noexcept;

  std::string to_string() const;

 private:
  static constexpr std::uint32_t bit(alg a) noexcept { return 1U << static_cast<unsigned>(a); }
  std::uint32_t bits_ = 0;
};

}  // namespace mcpgate::jose
