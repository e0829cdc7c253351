#pragma once

// Helpers shared by the jose unit tests: generated keys, their key sets and signed tokens.

#include "jose/key_set.hpp"
#include "jose/signer.hpp"
#include "jose/verifier.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <string>

namespace mcpgate::jose::testing {

inline constexpr std::int64_t now = 1767225600;  // 2026-01-01T00:00:00Z
inline constexpr const char* issuer = "https://tenant.example/";
inline constexpr const char* audience = "https://mcp-demo/api";

inline signing_key make_key(alg a, const std::string& kid) {
  auto key = signing_key::generate(a, kid);
  if (!key) {
    throw std::runtime_error("keygen failed: " + key.error().message());
  }
  return std::move(*key);
}

inline key_set set_of(std::initializer_list<const signing_key*> keys) {
  boost::json::array arr;
  for (const auto* k : keys) {
    arr.push_back(k->public_jwk().value());
  }
  boost::json::object doc;
  doc["keys"] = std::move(arr);
  return key_set::parse(boost::json::serialize(doc)).value();
}

inline boost::json::object good_claims() {
  return {{"iss", issuer},   {"aud", audience},   {"sub", "auth0|alice"},
          {"iat", now - 60}, {"exp", now + 3600}, {"scope", "read:tools"}};
}

inline verify_options options_for(alg_set algs = alg_set::all_asymmetric()) {
  verify_options opt;
  opt.algorithms = algs;
  opt.claims.issuer = issuer;
  opt.claims.audiences = {audience};
  return opt;
}

inline std::string sign_claims(const signing_key& key, const boost::json::object& claims,
                               boost::json::object header = {{"typ", "at+jwt"}}) {
  return sign(header, claims, key).value();
}

}  // namespace mcpgate::jose::testing
