#include "gateway/cors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

using ::testing::Contains;
using ::testing::Pair;

using strings = std::vector<std::string>;

config::cors_policy policy(strings origins, strings methods, strings headers, strings expose,
                           std::optional<std::chrono::seconds> max_age, bool credentials) {
  config::cors_policy p;
  p.allow_origins = std::move(origins);
  p.allow_methods = std::move(methods);
  p.allow_headers = std::move(headers);
  p.expose_headers = std::move(expose);
  p.max_age = max_age;
  p.allow_credentials = credentials;
  return p;
}

cors reference_cors() {
  // The reference policy: every origin, GET/POST/OPTIONS, any header, expose all, one day.
  return cors{policy({"*"}, {"GET", "POST", "OPTIONS"}, {"*"}, {"*"}, std::chrono::seconds{86400}, false)};
}

TEST(cors, detects_preflight) {
  EXPECT_TRUE(cors::is_preflight("OPTIONS", "http://localhost:6274", "POST"));
  EXPECT_FALSE(cors::is_preflight("OPTIONS", "", "POST"));
  EXPECT_FALSE(cors::is_preflight("OPTIONS", "http://a", ""));
  EXPECT_FALSE(cors::is_preflight("POST", "http://a", "POST"));
}

TEST(cors, answers_reference_preflight) {
  auto h = reference_cors().preflight("http://localhost:6274", "POST", "authorization, content-type, mcp-session-id");
  ASSERT_TRUE(h);
  EXPECT_THAT(*h, Contains(Pair("Access-Control-Allow-Origin", "http://localhost:6274")));
  EXPECT_THAT(*h, Contains(Pair("Access-Control-Allow-Methods", "GET, POST, OPTIONS")));
  EXPECT_THAT(*h, Contains(Pair("Access-Control-Allow-Headers", "authorization, content-type, mcp-session-id")));
  EXPECT_THAT(*h, Contains(Pair("Access-Control-Max-Age", "86400")));
}

TEST(cors, refuses_method_not_allowed) {
  EXPECT_FALSE(reference_cors().preflight("http://a.example", "DELETE", ""));
}

TEST(cors, exposes_session_id_and_challenge) {
  cors c{policy({"https://app.example.com"}, {"POST"}, {"content-type"}, {}, std::nullopt, true)};
  auto h = c.response_headers("https://app.example.com");
  EXPECT_THAT(h, Contains(Pair("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate")));
  EXPECT_THAT(h, Contains(Pair("Access-Control-Allow-Credentials", "true")));
  EXPECT_TRUE(c.response_headers("https://other.example.com").empty());
  EXPECT_TRUE(c.response_headers("").empty());
}

TEST(cors, wildcards_match_one_label_or_a_port) {
  cors c{policy({"https://*.example.com", "http://localhost:*"}, {"POST"}, {}, {}, std::nullopt, false)};
  EXPECT_TRUE(c.origin_allowed("https://app.example.com"));
  EXPECT_TRUE(c.origin_allowed("http://localhost:6274"));
  EXPECT_FALSE(c.origin_allowed("https://example.com"));
  EXPECT_FALSE(c.origin_allowed("https://evil.com/x.example.com"));
  EXPECT_FALSE(c.origin_allowed("https://a.b.example.com"));
  EXPECT_FALSE(c.origin_allowed("http://localhost:evil"));
  EXPECT_FALSE(c.origin_allowed("http://localhost:"));
  EXPECT_FALSE(c.origin_allowed("http://localhost.evil.com:80"));
}

}  // namespace
}  // namespace mcpgate::gateway
