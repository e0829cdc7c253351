#include "http/url.hpp"

#include "http/error.hpp"

#include <gtest/gtest.h>

namespace mcpgate::http {
namespace {

TEST(url, parses_parts_and_defaults) {
  auto u = parse_url("HTTPS://Example.COM/a/b?x=1#frag").value();
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "example.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/a/b?x=1");
  EXPECT_EQ(u.host_header(), "example.com");
  EXPECT_EQ(u.origin(), "https://example.com:443");
  EXPECT_EQ(u.to_string(), "https://example.com/a/b?x=1");

  auto v = parse_url("http://127.0.0.1:8080").value();
  EXPECT_EQ(v.port, 8080);
  EXPECT_EQ(v.target, "/");
  EXPECT_EQ(v.host_header(), "127.0.0.1:8080");

  auto w = parse_url("http://[::1]:9/x").value();
  EXPECT_EQ(w.host, "::1");
  EXPECT_EQ(w.host_header(), "[::1]:9");
}

TEST(url, rejects) {
  EXPECT_EQ(parse_url("ftp://x/").error(), make_error_code(errc::unsupported_scheme));
  EXPECT_EQ(parse_url("/relative").error(), make_error_code(errc::bad_url));
  EXPECT_EQ(parse_url("http://user:pw@host/").error(), make_error_code(errc::bad_url));
  EXPECT_EQ(parse_url("http://host:0/").error(), make_error_code(errc::bad_url));
  EXPECT_EQ(parse_url("http://host:70000/").error(), make_error_code(errc::bad_url));
  EXPECT_EQ(parse_url("http:///path").error(), make_error_code(errc::bad_url));
  EXPECT_FALSE(parse_url("not a url"));
}

TEST(url, loopback) {
  EXPECT_TRUE(parse_url("http://localhost/").value().is_loopback());
  EXPECT_TRUE(parse_url("http://127.0.0.1/").value().is_loopback());
  EXPECT_TRUE(parse_url("http://127.8.9.1/").value().is_loopback());
  EXPECT_TRUE(parse_url("http://[::1]/").value().is_loopback());
  EXPECT_FALSE(parse_url("http://example.com/").value().is_loopback());
  EXPECT_FALSE(parse_url("http://10.0.0.1/").value().is_loopback());
  EXPECT_FALSE(parse_url("http://localhost.evil.com/").value().is_loopback());
}

}  // namespace
}  // namespace mcpgate::http
