// Full token verification (parse + key selection + signature + claims) against OpenSSL alone
// verifying the same signing input with the same key, in the same run, the fastest plain way:
// for RS256 and ES256 a one-shot digest and EVP_PKEY_verify on a context initialised once, as
// `openssl speed` does; for EdDSA (no prehash) EVP_DigestVerify on a fresh context. The ratio
// jose_verify / openssl_raw_verify is the cost of everything around the signature; the goal is
// at most 1.15 for RS256. jose_sign / openssl_raw_sign is the same for signing a token.

#include "core/base64url.hpp"
#include "jose/key_set.hpp"
#include "jose/signature.hpp"
#include "jose/signer.hpp"
#include "jose/verifier.hpp"
#include "json/strict.hpp"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <boost/json.hpp>

#include <memory>
#include <string>

namespace {

using namespace mcpgate;
namespace bj = boost::json;

constexpr std::int64_t now = 1767225600;

struct fixture {
  jose::signing_key key;
  jose::key_set keys;
  std::string token;
  std::string signing_input;
  std::string signature;  // as OpenSSL takes it (DER for ECDSA)
  bj::object claims;
  jose::verify_options options;
};

// An Auth0-shaped access token (~900 bytes), like the gateway sees on every request.
fixture make_fixture(jose::alg a) {
  auto key = jose::signing_key::generate(a, "bench-key").value();
  bj::object doc{{"keys", bj::array{key.public_jwk().value()}}};
  auto keys = jose::key_set::parse(bj::serialize(doc)).value();
  bj::object claims{{"iss", "https://tenant.auth0.com/"},
                    {"sub", "auth0|6553da60a54af58e29493993"},
                    {"aud", bj::array{"https://mcp-demo/api", "https://tenant.auth0.com/userinfo"}},
                    {"iat", now - 60},
                    {"exp", now + 3600},
                    {"azp", "K1AUPhZq8mRi0Q0pjhkfu1D7y6KjDQja"},
                    {"scope", "openid profile email read:tools call:tools"},
                    {"permissions", bj::array{"read:tools", "call:tools"}},
                    {"https://mcp-demo/roles", bj::array{"mcp-user"}}};
  std::string token = jose::sign({{"typ", "at+jwt"}}, claims, key).value();
  const auto dot = token.rfind('.');
  std::string input = token.substr(0, dot);
  std::string sig = core::base64url_decode(token.substr(dot + 1)).value();
  if (jose::family_of(a) == jose::key_family::ec) {
    std::string der;
    jose::detail::ecdsa_raw_to_der(sig, der);
    sig = der;
  }
  jose::verify_options opt;
  opt.algorithms = jose::alg_set::of({a});
  opt.claims.issuer = "https://tenant.auth0.com/";
  opt.claims.audiences = {"https://mcp-demo/api"};
  return {std::move(key),
          std::move(keys),
          std::move(token),
          std::move(input),
          std::move(sig),
          std::move(claims),
          opt};
}

const fixture& fixture_for(jose::alg a) {
  static const fixture rs = make_fixture(jose::alg::rs256);
  static const fixture es = make_fixture(jose::alg::es256);
  static const fixture ed = make_fixture(jose::alg::eddsa);
  return a == jose::alg::rs256 ? rs : a == jose::alg::es256 ? es : ed;
}

void jose_verify(benchmark::State& state, jose::alg a) {
  const fixture& f = fixture_for(a);
  for (auto _ : state) {
    auto r = jose::verify_jwt(f.token, f.keys, f.options, now);
    if (!r) {
      state.SkipWithError("verification failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

// What OpenSSL alone costs to verify the pre-decoded signature (see the top of the file).
void openssl_raw_verify(benchmark::State& state, jose::alg a) {
  const fixture& f = fixture_for(a);
  const auto* in = reinterpret_cast<const unsigned char*>(f.signing_input.data());
  const auto* sig = reinterpret_cast<const unsigned char*>(f.signature.data());
  if (a == jose::alg::eddsa) {
    for (auto _ : state) {
      EVP_MD_CTX* ctx = EVP_MD_CTX_new();
      int ok = EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, f.key.get()) == 1 &&
               EVP_DigestVerify(ctx, sig, f.signature.size(), in, f.signing_input.size()) == 1;
      EVP_MD_CTX_free(ctx);
      if (!ok) {
        state.SkipWithError("raw verification failed");
        break;
      }
    }
    return;
  }
  const EVP_MD* md = jose::detail::md_for(jose::digest::sha256);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, f.key.get(), nullptr);
  if (EVP_PKEY_verify_init(ctx) != 1 || EVP_PKEY_CTX_set_signature_md(ctx, md) != 1) {
    state.SkipWithError("raw context setup failed");
  }
  for (auto _ : state) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    int ok = EVP_Digest(in, f.signing_input.size(), digest, &len, md, nullptr) == 1 &&
             EVP_PKEY_verify(ctx, sig, f.signature.size(), digest, len) == 1;
    if (!ok) {
      state.SkipWithError("raw verification failed");
      break;
    }
  }
  EVP_PKEY_CTX_free(ctx);
}

void jose_sign(benchmark::State& state, jose::alg a) {
  const fixture& f = fixture_for(a);
  const bj::object header{{"typ", "at+jwt"}};
  for (auto _ : state) {
    auto r = jose::sign(header, f.claims, f.key);
    if (!r) {
      state.SkipWithError("signing failed");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

// What OpenSSL alone costs to sign the signing input: a one-shot digest and EVP_PKEY_sign on a
// context initialised once (the signature stays DER for ECDSA).
void openssl_raw_sign(benchmark::State& state, jose::alg a) {
  const fixture& f = fixture_for(a);
  const auto* in = reinterpret_cast<const unsigned char*>(f.signing_input.data());
  const EVP_MD* md = jose::detail::md_for(jose::digest::sha256);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, f.key.get(), nullptr);
  if (EVP_PKEY_sign_init(ctx) != 1 || EVP_PKEY_CTX_set_signature_md(ctx, md) != 1) {
    state.SkipWithError("raw context setup failed");
  }
  for (auto _ : state) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    unsigned char sig[512];
    std::size_t sig_len = sizeof sig;
    int ok = EVP_Digest(in, f.signing_input.size(), digest, &len, md, nullptr) == 1 &&
             EVP_PKEY_sign(ctx, sig, &sig_len, digest, len) == 1;
    if (!ok) {
      state.SkipWithError("raw signing failed");
      break;
    }
    benchmark::DoNotOptimize(sig);
  }
  EVP_PKEY_CTX_free(ctx);
}

BENCHMARK_CAPTURE(jose_verify, RS256, jose::alg::rs256);
BENCHMARK_CAPTURE(openssl_raw_verify, RS256, jose::alg::rs256);
BENCHMARK_CAPTURE(jose_verify, ES256, jose::alg::es256);
BENCHMARK_CAPTURE(openssl_raw_verify, ES256, jose::alg::es256);
BENCHMARK_CAPTURE(jose_verify, EdDSA, jose::alg::eddsa);
BENCHMARK_CAPTURE(openssl_raw_verify, EdDSA, jose::alg::eddsa);
BENCHMARK_CAPTURE(jose_sign, RS256, jose::alg::rs256);
BENCHMARK_CAPTURE(openssl_raw_sign, RS256, jose::alg::rs256);
BENCHMARK_CAPTURE(jose_sign, ES256, jose::alg::es256);
BENCHMARK_CAPTURE(openssl_raw_sign, ES256, jose::alg::es256);

}  // namespace

namespace {

// Where the time around the signature goes: the compact parse (base64url + header JSON) and the
// claims JSON parse, each on the RS256 fixture.
void jose_parse_compact(benchmark::State& state) {
  const fixture& f = fixture_for(jose::alg::rs256);
  for (auto _ : state) {
    auto r = jose::parse_compact(f.token);
    benchmark::DoNotOptimize(r);
  }
}

void jose_parse_claims_json(benchmark::State& state) {
  const fixture& f = fixture_for(jose::alg::rs256);
  const std::string payload = jose::parse_compact(f.token).value().payload;
  for (auto _ : state) {
    auto r = json::parse(payload, json::limits{payload.size(), 32});
    benchmark::DoNotOptimize(r);
  }
}

BENCHMARK(jose_parse_compact);
BENCHMARK(jose_parse_claims_json);

}  // namespace

BENCHMARK_MAIN();
