#include "config/units.hpp"
#include "config/url.hpp"

#include <gtest/gtest.h>

namespace mcpgate::config {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, AcceptsUnitsAndSequences) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds{250});
  EXPECT_EQ(parse_duration("30s"), milliseconds{30'000});
  EXPECT_EQ(parse_duration("5m"), milliseconds{300'000});
  EXPECT_EQ(parse_duration("1h"), milliseconds{3'600'000});
  EXPECT_EQ(parse_duration("1h30m"), milliseconds{5'400'000});
  EXPECT_EQ(parse_duration("1m500ms"), milliseconds{60'500});
  EXPECT_EQ(parse_duration("0s"), milliseconds{0});
}

TEST(ParseDuration, RejectsMalformedAndHuge) {
  for (const char* bad :
       {"", "30", "s", "1.5s", "-1s", "30 s", "1d", "5min", "10sx", "9999999999s", "8761h"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(ParseSize, AcceptsBytesAndIecUnits) {
  EXPECT_EQ(parse_size("65536"), 65536u);
  EXPECT_EQ(parse_size("512B"), 512u);
  EXPECT_EQ(parse_size("16KiB"), 16u * 1024);
  EXPECT_EQ(parse_size("4MiB"), 4u * 1024 * 1024);
  EXPECT_EQ(parse_size("1GiB"), std::uint64_t{1} << 30);
}

TEST(ParseSize, RejectsMalformedAndHuge) {
  for (const char* bad :
       {"", "KiB", "16kb", "16KB", "16 KiB", "-1", "1.5MiB", "2048GiB", "1234567890"}) {
    EXPECT_FALSE(parse_size(bad).has_value()) << bad;
  }
}

TEST(ParseHttpUrl, SplitsParts) {
  std::string why;
  auto u = parse_http_url("HTTPS://tenant.auth0.com/.well-known/jwks.json?x=1", why);
  ASSERT_TRUE(u) << why;
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "tenant.auth0.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_FALSE(u->explicit_port);
  EXPECT_EQ(u->path, "/.well-known/jwks.json");
  EXPECT_EQ(u->query, "x=1");
  auto v6 = parse_http_url("http://[::1]:8000", why);
  ASSERT_TRUE(v6) << why;
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, 8000);
  EXPECT_TRUE(v6->explicit_port);
  EXPECT_EQ(v6->path, "");
}

TEST(ParseHttpUrl, RejectsWithReason) {
  std::string why;
  EXPECT_FALSE(parse_http_url("ftp://x", why));
  EXPECT_NE(why.find("scheme"), std::string::npos);
  EXPECT_FALSE(parse_http_url("http://user:pw@x", why));
  EXPECT_NE(why.find("user info"), std::string::npos);
  EXPECT_FALSE(parse_http_url("http://x:70000", why));
  EXPECT_NE(why.find("1..65535"), std::string::npos);
  EXPECT_FALSE(parse_http_url("http://x:0", why));
  EXPECT_FALSE(parse_http_url("http://x/a b", why));
  EXPECT_FALSE(parse_http_url("http://x/#frag", why));
  EXPECT_FALSE(parse_http_url("http:///path", why));
  EXPECT_FALSE(parse_http_url("localhost:8000", why));
  EXPECT_FALSE(parse_http_url("http://a:b:c", why));
}

TEST(ParseHostPort, Forms) {
  std::string why;
  auto a = parse_host_port("127.0.0.1:3000", false, why);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 3000);
  auto b = parse_host_port(":8080", false, why);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "0.0.0.0");
  auto c = parse_host_port("3000", false, why);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 3000);
  auto d = parse_host_port("[::]:0", true, why);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->host, "[::]");
  EXPECT_FALSE(parse_host_port("[::]:0", false, why));
  EXPECT_FALSE(parse_host_port("localhost", false, why));
  EXPECT_FALSE(parse_host_port("host:99999", false, why));
  EXPECT_FALSE(parse_host_port("bad host:1", false, why));
}

}  // namespace
}  // namespace mcpgate::config
