// verify_signature and sign_bytes keep one EVP_PKEY_CTX per thread, key, operation and algorithm
// (signature.cpp). These tests mix keys, algorithms, right and wrong signatures, more keys than
// the cache holds and several threads, so a context used for the wrong key or algorithm, left in
// a bad state by a failure, or shared between threads shows up as a wrong answer.

#include "jose/signature.hpp"

#include "jose/error.hpp"
#include "test_keys.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mcpgate::jose {
namespace {

using namespace jose::testing;

// One key used with one algorithm. RSA keys serve RS256 and PS256 alike, as separate entries.
struct slot {
  alg a;
  const signing_key* key;
  jwk pub;
};

struct key_pool {
  std::vector<signing_key> keys;
  std::vector<slot> slots;
};

// 6 RSA keys × {RS256, PS256} and 6 P-256 keys, plus one key for each other RS/PS/ES algorithm:
// 21 (key, algorithm) pairs for verifying and as many for signing, more than the cache's 16.
const key_pool& pool() {
  static const key_pool instance = [] {
    key_pool p;
    std::vector<std::pair<std::size_t, alg>> uses;
    for (int i = 0; i < 6; ++i) {
      p.keys.push_back(make_key(alg::rs256, "rsa-" + std::to_string(i)));
      uses.emplace_back(p.keys.size() - 1, alg::rs256);
      uses.emplace_back(p.keys.size() - 1, alg::ps256);
      p.keys.push_back(make_key(alg::es256, "p256-" + std::to_string(i)));
      uses.emplace_back(p.keys.size() - 1, alg::es256);
    }
    p.keys.push_back(make_key(alg::rs384, "rsa-x"));
    for (alg a : {alg::rs384, alg::rs512, alg::ps384, alg::ps512}) {
      uses.emplace_back(p.keys.size() - 1, a);
    }
    for (alg a : {alg::es384, alg::es512}) {
      p.keys.push_back(make_key(a, std::string{alg_name(a)}));
      uses.emplace_back(p.keys.size() - 1, a);
    }
    for (const auto& [i, a] : uses) {
      p.slots.push_back({a, &p.keys[i], set_of({&p.keys[i]}).keys().front()});
    }
    return p;
  }();
  return instance;
}

std::string message(std::size_t i) {
  return "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm4iOiI" + std::to_string(i) + "In0";
}

std::string sign_with(const slot& s, const std::string& input) {
  auto sig = sign_bytes(s.a, s.key->get(), input);
  if (!sig) {
    throw std::runtime_error("sign failed: " + describe(sig.error()));
  }
  return *sig;
}

// For one slot, a signature it must accept and one it must refuse: another key's with the same
// algorithm, or (when there is none) its own over another message.
struct signed_pair {
  std::string input;
  std::string right;
  std::string wrong;
};

std::vector<signed_pair> sign_all(const std::vector<slot>& slots) {
  std::vector<signed_pair> out;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const std::string input = message(i);
    std::string wrong = sign_with(slots[i], message(i + 1000));
    for (std::size_t j = 0; j < slots.size(); ++j) {
      if (j != i && slots[j].a == slots[i].a) {
        wrong = sign_with(slots[j], input);
        break;
      }
    }
    out.push_back({input, sign_with(slots[i], input), std::move(wrong)});
  }
  return out;
}

// The pre-cache implementation (EVP_DigestSign/EVP_DigestVerify with a fresh context), as an
// independent check that the cached contexts use the same padding, salt length and MGF1 digest.
bool one_shot_init(EVP_MD_CTX* ctx, alg a, EVP_PKEY* key, bool sign) {
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = detail::md_for(digest_of(a));
  const int r = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key)
                     : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key);
  return r == 1 &&
         (!is_pss(a) || (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1));
}

std::string one_shot_sign(alg a, EVP_PKEY* key, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::string sig(1024, '\0');
  std::size_t len = sig.size();
  const bool ok =
      one_shot_init(ctx, a, key, true) &&
      EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) {
    throw std::runtime_error("one-shot sign failed");
  }
  sig.resize(len);
  std::string raw;
  if (family_of(a) == key_family::ec) {
    EXPECT_TRUE(detail::ecdsa_der_to_raw(sig, ec_coordinate_size(a), raw));
    return raw;
  }
  return sig;
}

bool one_shot_verify(alg a, EVP_PKEY* key, const std::string& input, const std::string& sig) {
  std::string der = sig;
  if (family_of(a) == key_family::ec && !detail::ecdsa_raw_to_der(sig, der)) {
    return false;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      one_shot_init(ctx, a, key, false) &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

TEST(signature, agrees_with_one_shot_openssl_both_ways) {
  for (const slot& s : pool().slots) {
    SCOPED_TRACE(alg_name(s.a));
    const std::string input = message(1);
    const std::string ours = sign_with(s, input);
    EXPECT_TRUE(one_shot_verify(s.a, s.key->get(), input, ours));
    EXPECT_FALSE(one_shot_verify(s.a, s.key->get(), message(2), ours));
    const std::string theirs = one_shot_sign(s.a, s.key->get(), input);
    EXPECT_FALSE(verify_signature(s.a, s.pub, input, theirs));
    EXPECT_EQ(verify_signature(s.a, s.pub, message(2), theirs), errc::bad_signature);
  }
}

TEST(signature, interleaves_keys_algorithms_and_wrong_signatures) {
  // Two keys of each of RS256, PS256 and ES256; RS256 and PS256 share their keys.
  const auto& all = pool().slots;
  const std::vector<slot> slots{all[0], all[1], all[2], all[3], all[4], all[5]};
  const std::vector<signed_pair> sigs = sign_all(slots);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      SCOPED_TRACE(std::string{alg_name(slots[i].a)} + " " + slots[i].key->kid());
      const std::size_t j = (i + 3) % slots.size();  // the other key of the same algorithm
      EXPECT_FALSE(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[i].right));
      EXPECT_FALSE(verify_signature(slots[j].a, slots[j].pub, sigs[j].input, sigs[j].right));
      EXPECT_EQ(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[i].wrong),
                errc::bad_signature);
      EXPECT_EQ(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[j].right),
                errc::bad_signature);
      EXPECT_FALSE(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[i].right));
    }
  }
}

TEST(signature, rs256_and_ps256_on_one_key_do_not_share_a_context) {
  const auto& all = pool().slots;
  const slot& rs = all[0];
  const slot& ps = all[1];
  ASSERT_EQ(rs.key, ps.key);
  const std::string input = message(7);
  const std::string rs_sig = sign_with(rs, input);
  const std::string ps_sig = sign_with(ps, input);
  for (int round = 0; round < 3; ++round) {
    EXPECT_FALSE(verify_signature(rs.a, rs.pub, input, rs_sig));
    EXPECT_EQ(verify_signature(ps.a, ps.pub, input, rs_sig), errc::bad_signature);
    EXPECT_FALSE(verify_signature(ps.a, ps.pub, input, ps_sig));
    EXPECT_EQ(verify_signature(rs.a, rs.pub, input, ps_sig), errc::bad_signature);
  }
}

TEST(signature, a_failure_leaves_the_key_usable) {
  for (const slot& s : pool().slots) {
    SCOPED_TRACE(alg_name(s.a));
    const std::string input = message(3);
    const std::string right = sign_with(s, input);
    std::string flipped = right;
    flipped[flipped.size() / 2] ^= 0x01;
    for (int round = 0; round < 3; ++round) {
      EXPECT_EQ(verify_signature(s.a, s.pub, input, flipped), errc::bad_signature);
      EXPECT_EQ(verify_signature(s.a, s.pub, message(4), right), errc::bad_signature);
      EXPECT_FALSE(verify_signature(s.a, s.pub, input, right));
    }
  }
}

TEST(signature, more_keys_than_the_cache_holds) {
  const auto& slots = pool().slots;
  const std::vector<signed_pair> sigs = sign_all(slots);
  // In order, twice, then backwards: every pair is evicted and recreated in between.
  for (int round = 0; round < 3; ++round) {
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const std::size_t i = round < 2 ? k : slots.size() - 1 - k;
      SCOPED_TRACE(std::string{alg_name(slots[i].a)} + " " + slots[i].key->kid());
      EXPECT_FALSE(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[i].right));
      EXPECT_EQ(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sigs[i].wrong),
                errc::bad_signature);
    }
  }
  // Signing after eviction: each family round-trips and the result is not another key's.
  for (std::size_t i = 0; i < slots.size(); ++i) {
    SCOPED_TRACE(std::string{alg_name(slots[i].a)} + " " + slots[i].key->kid());
    const std::string sig = sign_with(slots[i], sigs[i].input);
    EXPECT_FALSE(verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sig));
    const std::size_t j = (i + 3) % slots.size();
    if (slots[j].a == slots[i].a && slots[j].key != slots[i].key) {
      EXPECT_EQ(verify_signature(slots[j].a, slots[j].pub, sigs[i].input, sig),
                errc::bad_signature);
    }
  }
}

TEST(signature, threads_verify_and_sign_with_shared_keys) {
  const auto& slots = pool().slots;
  const std::vector<signed_pair> sigs = sign_all(slots);
  constexpr int threads = 4;
  constexpr int per_thread = 200;
  std::vector<int> mistakes(threads, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int n = 0; n < per_thread; ++n) {
        // Each thread walks the slots in its own order; every tenth step also signs.
        const std::size_t i = (static_cast<std::size_t>(n) * (2 * t + 1) + t) % slots.size();
        const bool right = (n + t) % 3 != 0;
        const std::string& sig = right ? sigs[i].right : sigs[i].wrong;
        const error_code ec = verify_signature(slots[i].a, slots[i].pub, sigs[i].input, sig);
        if (right ? static_cast<bool>(ec) : ec != errc::bad_signature) {
          ++mistakes[t];
        }
        if (n % 10 == 0) {
          auto mine = sign_bytes(slots[i].a, slots[i].key->get(), sigs[i].input);
          if (!mine || verify_signature(slots[i].a, slots[i].pub, sigs[i].input, *mine)) {
            ++mistakes[t];
          }
        }
      }
    });
  }
  for (auto& w : workers) {
    w.join();
  }
  for (int t = 0; t < threads; ++t) {
    EXPECT_EQ(mistakes[t], 0) << "thread " << t;
  }
}

TEST(signature, signing_with_a_public_key_fails_and_the_key_still_verifies) {
  for (const slot& s : pool().slots) {
    SCOPED_TRACE(alg_name(s.a));
    for (int round = 0; round < 2; ++round) {
      auto r = sign_bytes(s.a, s.pub.key.get(), message(5));
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error(), errc::crypto);
    }
    EXPECT_FALSE(verify_signature(s.a, s.pub, message(5), sign_with(s, message(5))));
  }
}

}  // namespace
}  // namespace mcpgate::jose
