#include "http/request_rules.hpp"

#include <gtest/gtest.h>

namespace mcpgate::http {
namespace {

TEST(request_rules, normal_paths) {
  for (const char* p :
       {"/", "/mcp", "/mcp/", "/a/b/c", "/.well-known/oauth-protected-resource/mcp",
        "/caf%C3%A9/mcp", "/a%20b", "/a%3Fb", "/x/.hidden", "/x/..y", "/x/y..", "/%25"}) {
    EXPECT_TRUE(path_normal(p)) << p;
  }
}

// What a normalizing backend would serve as another path than the one the gateway saw.
TEST(request_rules, paths_a_server_would_resolve_otherwise) {
  for (const char* p :
       {"",       "mcp",          "//mcp",  "/a//b",         "/mcp/../admin", "/mcp/./x", "/..",
        "/.",     "/a/..",        "/a/.",   "/%2e%2e/admin", "/%2E/x",        "/a%2fb",   "/a%2Fb",
        "/a%5cb", "/a\\b",        "/%6Dcp", "/%7e",          "/a%",           "/a%2",     "/a%zz",
        "/a%-1",  "/caf\xc3\xa9", "/a\x7f", "/a\x01"}) {
    EXPECT_FALSE(path_normal(p)) << p;
  }
}

TEST(request_rules, normal_uris) {
  for (const char* u :
       {"file:///public/readme.txt", "https://example.com/a/b", "https://example.com",
        "file:///{path}", "test://static-text", "urn:isbn:0451450523", "app://x/y?q=A%20B#frag",
        "postgres://db:5432/x", "mailto:someone"}) {
    EXPECT_TRUE(uri_normal(u)) << u;
  }
}

// What a server's URL parser would turn into another URI than the one the rules saw.
TEST(request_rules, uris_a_server_would_resolve_otherwise) {
  for (const char* u : {"", "FILE:///secret", "File:///secret", "file:/secret", "file:secret",
                        "file://LOCALHOST/secret", "file:///public/../secret", "file:///public/./x",
                        "file:///public/%2e%2e/secret", "file:///a//b", " file:///secret",
                        "file:///secret	", "file:///se cret", "file:///a\\b",
                        "https://Example.com/x", "1x://y", ":x", "noscheme", "app://x/%41"}) {
    EXPECT_FALSE(uri_normal(u)) << u;
  }
}

}  // namespace
}  // namespace mcpgate::http
