#include "jose/algorithm.hpp"

#include <array>

namespace mcpgate::jose {

namespace {

struct alg_info {
  alg id;
  std::string_view name;
  key_family family;
  digest md;
  bool pss;
  std::string_view curve;
  std::size_t coordinate;
};

// Indexed by alg.
constexpr std::array<alg_info, alg_count> infos{{
    {alg::rs256, "RS256", key_family::rsa, digest::sha256, false, {}, 0},
    {alg::rs384, "RS384", key_family::rsa, digest::sha384, false, {}, 0},
    {alg::rs512, "RS512", key_family::rsa, digest::sha512, false, {}, 0},
    {alg::ps256, "PS256", key_family::rsa, digest::sha256, true, {}, 0},
    {alg::ps384, "PS384", key_family::rsa, digest::sha384, true, {}, 0},
    {alg::ps512, "PS512", key_family::rsa, digest::sha512, true, {}, 0},
    {alg::es256, "ES256", key_family::ec, digest::sha256, false, "P-256", 32},
    {alg::es384, "ES384", key_family::ec, digest::sha384, false, "P-384", 48},
    {alg::es512, "ES512", key_family::ec, digest::sha512, false, "P-521", 66},
    {alg::eddsa, "EdDSA", key_family::okp, digest::none, false, "Ed25519", 0},
    {alg::ed25519, "Ed25519", key_family::okp, digest::none, false, "Ed25519", 0},
    {alg::hs256, "HS256", key_family::oct, digest::sha256, false, {}, 0},
    {alg::hs384, "HS384", key_family::oct, digest::sha384, false, {}, 0},
    {alg::hs512, "HS512", key_family::oct, digest::sha512, false, {}, 0},
}};

const alg_info& info(alg a) noexcept {
  return infos[static_cast<std::size_t>(a)];
}

}  // namespace

std::string_view alg_name(alg a) noexcept {
  return info(a).name;
}

std::optional<alg> alg_from_name(std::string_view name) noexcept {
  for (const auto& i : infos) {
    if (i.name == name) {
      return i.id;
    }
  }
  return std::nullopt;
}

key_family family_of(alg a) noexcept {
  return info(a).family;
}

digest digest_of(alg a) noexcept {
  return info(a).md;
}

bool is_pss(alg a) noexcept {
  return info(a).pss;
}

bool is_hmac(alg a) noexcept {
  return info(a).family == key_family::oct;
}

std::string_view ec_curve_of(alg a) noexcept {
  return info(a).curve;
}

std::size_t ec_coordinate_size(alg a) noexcept {
  return info(a).coordinate;
}

alg_set alg_set::all_asymmetric() noexcept {
  alg_set s;
  for (const auto& i : infos) {
    if (i.family != key_family::oct) {
      s.add(i.id);
    }
  }
  return s;
}

std::optional<alg_set> alg_set::parse(std::string_view list, std::string* bad) {
  alg_set s;
  while (true) {
    const auto comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    const auto a = alg_from_name(item);
    if (!a) {
      if (bad) {
        *bad = std::string{item};
      }
      return std::nullopt;
    }
    s.add(*a);
    if (comma == std::string_view::npos) {
      return s;
    }
    list.remove_prefix(comma + 1);
  }
}

bool alg_set::has_hmac() const noexcept {
  return contains(alg::hs256) || contains(alg::hs384) || contains(alg::hs512);
}

std::string alg_set::to_string() const {
  std::string out;
  for (const auto& i : infos) {
    if (contains(i.id)) {
      if (!out.empty()) {
        out += ',';
      }
      out += i.name;
    }
  }
  return out;
}

}  // namespace mcpgate::jose
