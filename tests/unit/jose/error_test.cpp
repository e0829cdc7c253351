#include "jose/error.hpp"

#include "jose/algorithm.hpp"

#include <gtest/gtest.h>

namespace mcpgate::jose {
namespace {

TEST(error, class_names_and_description) {
  EXPECT_EQ(error_class(make_error_code(errc::bad_signature)), "bad_signature");
  EXPECT_EQ(error_class(make_error_code(errc::unknown_kid)), "unknown_kid");
  EXPECT_EQ(error_class(make_error_code(errc::crypto)), "crypto");
  EXPECT_EQ(error_class(make_error_code(std::errc::timed_out)), "internal");
  EXPECT_EQ(describe(make_error_code(errc::expired)), "expired: token expired");
}

TEST(algorithm, names_round_trip_and_sets) {
  for (std::size_t i = 0; i < alg_count; ++i) {
    const auto a = static_cast<alg>(i);
    EXPECT_EQ(alg_from_name(alg_name(a)), a);
  }
  EXPECT_EQ(alg_from_name("none"), std::nullopt);
  EXPECT_EQ(alg_from_name("rs256"), std::nullopt);
  const alg_set all = alg_set::all_asymmetric();
  EXPECT_FALSE(all.has_hmac());
  EXPECT_TRUE(all.contains(alg::ed25519));
  std::string bad;
  EXPECT_EQ(alg_set::parse("RS256,HS2", &bad), std::nullopt);
  EXPECT_EQ(bad, "HS2");
  auto s = alg_set::parse("ES256,RS256");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->to_string(), "RS256,ES256");
}

}  // namespace
}  // namespace mcpgate::jose
