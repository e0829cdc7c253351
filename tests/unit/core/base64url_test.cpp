#include "core/base64url.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

namespace mcpgate::core {
namespace {

TEST(base64url, encodes_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(base64url, uses_url_safe_alphabet) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("-_8").value(), "\xfb\xff");
}

TEST(base64url, round_trips_every_byte) {
  std::string all;
  for (int i = 0; i < 256; ++i) {
    all += static_cast<char>(i);
  }
  for (std::size_t n = 0; n <= all.size(); n += 7) {
    const std::string bytes = all.substr(0, n);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)).value(), bytes) << n;
  }
}

TEST(base64url, rejects_padding) {
  EXPECT_EQ(base64url_decode("Zg==").error(), errc::base64_bad_character);
  EXPECT_EQ(base64url_decode("Zm8=").error(), errc::base64_bad_character);
}

TEST(base64url, rejects_standard_alphabet_characters) {
  EXPECT_EQ(base64url_decode("+/8").error(), errc::base64_bad_character);
  EXPECT_EQ(base64url_decode("ab/c").error(), errc::base64_bad_character);
}

TEST(base64url, rejects_whitespace_and_nul) {
  EXPECT_EQ(base64url_decode("Zm 9v").error(), errc::base64_bad_character);
  EXPECT_EQ(base64url_decode("Zm9v\n").error(), errc::base64_bad_character);
  EXPECT_EQ(base64url_decode(std::string_view{"Zm\0v", 4}).error(), errc::base64_bad_character);
}

TEST(base64url, rejects_impossible_length) {
  EXPECT_EQ(base64url_decode("Z").error(), errc::base64_bad_length);
  EXPECT_EQ(base64url_decode("Zm9vY").error(), errc::base64_bad_length);
}

TEST(base64url, rejects_non_canonical_last_character) {
  // "Zg" is canonical for "f"; "Zh" decodes to the same byte with a stray low bit.
  EXPECT_TRUE(base64url_decode("Zg"));
  EXPECT_EQ(base64url_decode("Zh").error(), errc::base64_non_canonical);
  EXPECT_TRUE(base64url_decode("Zm8"));
  EXPECT_EQ(base64url_decode("Zm9").error(), errc::base64_non_canonical);
}

TEST(base64url, errors_have_messages) {
  EXPECT_EQ(make_error_code(errc::base64_non_canonical).message(),
            "non-canonical base64url encoding");
}

}  // namespace
}  // namespace mcpgate::core
