#include "gateway/resource_metadata.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

namespace mcpgate::gateway {
namespace {

TEST(resource_metadata, document_and_urls) {
  protected_resource r{"https://mcp.example.com", "/mcp", {"https://tenant.us.auth0.com/"}, {"files:read"}, ""};
  EXPECT_EQ(r.resource(), "https://mcp.example.com/mcp");
  EXPECT_EQ(r.metadata_url(), "https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
  auto doc = json::parse(r.document()).value().as_object();
  EXPECT_EQ(doc.at("resource").as_string(), "https://mcp.example.com/mcp");
  EXPECT_EQ(doc.at("authorization_servers").as_array().at(0).as_string(), "https://tenant.us.auth0.com/");
  EXPECT_EQ(doc.at("bearer_methods_supported").as_array().at(0).as_string(), "header");
  EXPECT_EQ(doc.at("scopes_supported").as_array().size(), 1u);
  EXPECT_FALSE(doc.contains("resource_name"));
}

TEST(resource_metadata, root_path) { EXPECT_EQ(metadata_path("/"), "/.well-known/oauth-protected-resource"); }

TEST(resource_metadata, challenges) {
  EXPECT_EQ(bearer_challenge("https://g/.well-known/oauth-protected-resource/mcp"),
            R"(Bearer resource_metadata="https://g/.well-known/oauth-protected-resource/mcp")");
  EXPECT_EQ(bearer_challenge("u", "invalid_token", "token \"expired\"\n"),
            R"(Bearer resource_metadata="u", error="invalid_token", error_description="token \"expired\"")");
  EXPECT_EQ(bearer_challenge("u", "insufficient_scope", {}, "files:delete"),
            R"(Bearer resource_metadata="u", error="insufficient_scope", scope="files:delete")");
}

}  // namespace
}  // namespace mcpgate::gateway
