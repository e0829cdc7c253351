// Runs every vector of tests/conformance/jose/vectors.json through the library: the jws layer
// through verify_jws with the vector's single key, the jwt layer through verify_jwt with its key
// set and default_validation merged with the vector's overrides. Each invalid vector must fail
// with the error class that corresponds to its suggested reason.

#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/key_set.hpp"
#include "jose/verifier.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mcpgate::jose {
namespace {

namespace bj = boost::json;

std::string vectors_path() {
  if (const char* dir = std::getenv("MCPGATE_SOURCE_DIR")) {
    return std::string{dir} + "/tests/conformance/jose/vectors.json";
  }
  return JOSE_VECTORS_FILE;
}

const bj::object& document() {
  static const bj::object doc = [] {
    std::ifstream in{vectors_path()};
    std::stringstream text;
    text << in.rdbuf();
    return bj::parse(text.str()).as_object();
  }();
  return doc;
}

std::vector<std::string> vector_names() {
  std::vector<std::string> names;
  for (const auto& v : document().at("vectors").as_array()) {
    names.emplace_back(v.at("name").as_string());
  }
  return names;
}

const bj::object& find_vector(const std::string& name) {
  for (const auto& v : document().at("vectors").as_array()) {
    if (v.at("name").as_string() == name) {
      return v.as_object();
    }
  }
  throw std::runtime_error("no vector " + name);
}

// The vectors' suggested reasons, mapped to our error classes.
const std::map<std::string, std::string>& reason_to_class() {
  static const std::map<std::string, std::string> m{
      {"alg_none", "alg_not_allowed"},
      {"alg_not_allowed", "alg_not_allowed"},
      {"bad_signature", "bad_signature"},
      {"bad_key", "bad_key"},
      {"key_alg_mismatch", "key_alg_mismatch"},
      {"no_key", "unknown_kid"},
      {"malformed", "malformed"},
      {"malformed_header", "malformed_header"},
      {"malformed_claim", "malformed_claim"},
      {"missing_claim", "missing_claim"},
      {"duplicate_member", "duplicate_member"},
      {"crit", "crit"},
      {"jwe_not_supported", "jwe_not_supported"},
      {"typ", "typ"},
      {"iss", "iss"},
      {"aud", "aud"},
      {"expired", "expired"},
      {"not_yet_valid", "not_yet_valid"},
      {"iat", "iat"},
      {"limits", "limits"},
  };
  return m;
}

alg_set algorithms_of(const bj::object& validation) {
  alg_set set;
  for (const auto& a : validation.at("algorithms").as_array()) {
    const auto parsed = alg_from_name(std::string{a.as_string()});
    if (parsed) {
      set.add(*parsed);
    }
  }
  return set;
}

// default_validation with the vector's overrides.
bj::object validation_for(const bj::object& vector) {
  bj::object v = document().at("default_validation").as_object();
  if (const auto* o = vector.if_contains("validation"); o != nullptr && o->is_object()) {
    for (const auto& member : o->as_object()) {
      v[member.key()] = member.value();
    }
  }
  return v;
}

// Runs one vector; returns the error (empty when valid) and, when valid, the claims.
error_code run_vector(const bj::object& vector, bj::object& claims) {
  const bj::object validation = validation_for(vector);
  jws_limits lim;
  lim.max_token_bytes = static_cast<std::size_t>(validation.at("max_token_bytes").to_number<int>());
  lim.max_json_depth = static_cast<std::size_t>(validation.at("max_json_depth").to_number<int>());
  const std::string token{vector.at("token").as_string()};
  if (vector.at("layer").as_string() == "jws") {
    const alg_set allowed = algorithms_of(validation);
    if (vector.at("jwk").is_null()) {
      // No key can make the token valid; what remains to check is how it is refused.
      auto parsed = parse_compact(token, lim);
      if (!parsed) {
        return parsed.error();
      }
      return allowed.contains(parsed->header.alg) ? make_error_code(errc::unknown_kid)
                                                  : make_error_code(errc::alg_not_allowed);
    }
    jwk_options opt;
    opt.allow_symmetric = true;
    opt.min_rsa_bits = static_cast<std::size_t>(validation.at("min_rsa_bits").to_number<int>());
    auto key = import_jwk(vector.at("jwk").as_object(), opt);
    if (!key) {
      return key.error();
    }
    auto r = verify_jws(token, *key, allowed, lim);
    return r ? error_code{} : r.error();
  }
  auto keys = key_set::parse(bj::serialize(vector.at("jwks")));
  if (!keys) {
    return keys.error();
  }
  verify_options opt;
  opt.algorithms = algorithms_of(validation);
  opt.limits = lim;
  opt.claims.issuer = std::string{validation.at("issuer").as_string()};
  opt.claims.audiences = {std::string{validation.at("audience").as_string()}};
  opt.claims.skew = std::chrono::seconds{validation.at("clock_skew_s").to_number<int>()};
  const auto now = validation.at("now").to_number<std::int64_t>();
  auto r = verify_jwt(token, *keys, opt, now);
  if (!r) {
    return r.error();
  }
  claims = std::move(r->claims);
  return {};
}

class conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(conformance, vector) {
  const bj::object& vector = find_vector(GetParam());
  bj::object claims;
  const error_code ec = run_vector(vector, claims);
  const bool expect_valid = vector.at("expect").as_string() == "valid";
  const std::string notes{vector.contains("notes") ? vector.at("notes").as_string() : ""};
  if (expect_valid) {
    ASSERT_FALSE(ec) << describe(ec) << "\nnotes: " << notes;
    if (const auto* expected = vector.if_contains("expect_claims");
        expected != nullptr && expected->is_object()) {
      for (const auto& member : expected->as_object()) {
        ASSERT_TRUE(claims.contains(member.key())) << member.key();
        EXPECT_EQ(claims.at(member.key()), member.value()) << member.key();
      }
    }
    return;
  }
  ASSERT_TRUE(ec) << "accepted an invalid token; notes: " << notes;
  const std::string reason{vector.at("reason").as_string()};
  const auto it = reason_to_class().find(reason);
  ASSERT_NE(it, reason_to_class().end()) << "unmapped reason " << reason;
  EXPECT_EQ(error_class(ec), it->second) << describe(ec) << "\nnotes: " << notes;
}

std::string param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char c : info.param) {
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(jose, conformance, ::testing::ValuesIn(vector_names()), param_name);

TEST(conformance_file, holds_all_127_vectors) {
  EXPECT_EQ(vector_names().size(), 127U);
}

}  // namespace
}  // namespace mcpgate::jose
