#include "server/origin.hpp"
#include "server/registry.hpp"
#include "server/session.hpp"
#include "server/session_id.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mcpgate::server {
namespace {

TEST(Origin, HostOf) {
  EXPECT_EQ(host_of("localhost:3000"), "localhost");
  EXPECT_EQ(host_of("[::1]:8080"), "[::1]");
  EXPECT_EQ(host_of("Example.COM"), "example.com");
  EXPECT_EQ(host_of("[::1"), "");
  EXPECT_EQ(host_of("[::1]x"), "");
}

TEST(Origin, LoopbackAcceptedRebindingRefused) {
  origin_policy p;
  EXPECT_TRUE(request_allowed(p, "127.0.0.1:8000", ""));
  EXPECT_TRUE(request_allowed(p, "localhost:8000", "http://localhost:6274"));
  EXPECT_TRUE(request_allowed(p, "[::1]:8000", "http://[::1]:6274"));
  EXPECT_FALSE(request_allowed(p, "evil.example.com", "http://evil.example.com"));
  EXPECT_FALSE(request_allowed(p, "evil.example.com", ""));
  EXPECT_FALSE(request_allowed(p, "127.0.0.1:8000", "http://evil.example.com"));
  EXPECT_FALSE(request_allowed(p, "127.0.0.1:8000", "null"));
  EXPECT_FALSE(request_allowed(p, "", ""));
  // "localhost.evil.com" must not pass as localhost.
  EXPECT_FALSE(request_allowed(p, "localhost.evil.com", ""));
}

TEST(Origin, ConfiguredHostsAndOrigins) {
  origin_policy p;
  p.allowed_hosts = {"mcp-demo.svc"};
  p.allowed_origins = {"https://app.example.com"};
  EXPECT_TRUE(request_allowed(p, "MCP-demo.svc:8000", ""));
  EXPECT_TRUE(request_allowed(p, "mcp-demo.svc", "https://app.example.com"));
  EXPECT_FALSE(request_allowed(p, "mcp-demo.svc", "https://other.example.com"));
  origin_policy open;
  open.check_host = false;
  EXPECT_TRUE(request_allowed(open, "anything", ""));
  EXPECT_FALSE(request_allowed(open, "anything", "http://evil.example.com"));
}

TEST(Registry, MatchesUriTemplates) {
  auto v = match_uri_template("test://template/{id}/data", "test://template/123/data");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->at("id"), "123");
  EXPECT_FALSE(match_uri_template("test://template/{id}/data", "test://template//data"));
  EXPECT_FALSE(match_uri_template("test://template/{id}/data", "test://template/1/2/data"));
  EXPECT_FALSE(match_uri_template("test://template/{id}/data", "test://template/1/datax"));
  auto two = match_uri_template("f://{a}.{b}", "f://x.json");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->at("a"), "x");
  EXPECT_EQ(two->at("b"), "json");
}

TEST(Registry, RefusesDuplicatesAndKeepsOrder) {
  registry reg;
  mcp::tool t;
  t.name = "b";
  reg.add_tool(t, {});
  t.name = "a";
  reg.add_tool(t, {});
  EXPECT_THROW(reg.add_tool(t, {}), std::invalid_argument);
  auto list = reg.list_tools();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("name").as_string(), "b");
  EXPECT_NE(reg.find_tool("a"), nullptr);
  EXPECT_EQ(reg.find_tool("c"), nullptr);
  EXPECT_TRUE(reg.has_tools());
  EXPECT_FALSE(reg.has_prompts());
}

TEST(SessionId, RandomAndVisibleAscii) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto id = new_session_id();
    ASSERT_TRUE(id);
    EXPECT_EQ(id->size(), 43u);  // 32 bytes in unpadded base64url
    for (char c : *id) {
      EXPECT_TRUE(c >= 0x21 && c <= 0x7e);
    }
    seen.insert(*id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SessionStore, CreateFindEraseAndLimit) {
  session_limits lim;
  lim.max_sessions = 2;
  session_store store{lim};
  auto a = store.create("2025-11-25", {}, {});
  auto b = store.create("2025-06-18", {}, {});
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_FALSE(store.create("2025-11-25", {}, {}));
  EXPECT_EQ(store.find((*a)->id()), *a);
  EXPECT_EQ(store.find("nope"), nullptr);
  EXPECT_TRUE(store.erase((*a)->id()));
  EXPECT_FALSE(store.erase((*a)->id()));
  EXPECT_TRUE((*a)->closed());
  EXPECT_EQ(store.find((*a)->id()), nullptr);
  EXPECT_EQ(store.size(), 1u);
}

TEST(Session, SubscriptionsAndLevels) {
  session_limits lim;
  lim.max_subscriptions = 1;
  session s{"id", "2025-11-25", {}, {}, lim};
  EXPECT_TRUE(s.subscribe("test://a"));
  EXPECT_FALSE(s.subscribe("test://b"));
  EXPECT_TRUE(s.subscribed("test://a"));
  s.unsubscribe("test://a");
  EXPECT_FALSE(s.subscribed("test://a"));
  s.set_log_level(mcp::log_level::error);
  EXPECT_EQ(s.log_level(), mcp::log_level::error);
}

}  // namespace
}  // namespace mcpgate::server
