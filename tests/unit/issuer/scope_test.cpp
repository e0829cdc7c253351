#include "issuer/scope.hpp"
#include "issuer/users.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mcpgate::issuer {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(IssuerScope, SplitsOnSpacesAndDropsDuplicates) {
  scope_list s;
  ASSERT_TRUE(parse_scope("  files:read  openid files:read ", s));
  EXPECT_THAT(s, ElementsAre("files:read", "openid"));
  EXPECT_EQ(join_scope(s), "files:read openid");
}

TEST(IssuerScope, RejectsCharactersOutsideTheGrammar) {
  scope_list s;
  EXPECT_FALSE(parse_scope("files:read \"quoted\"", s));
  EXPECT_FALSE(parse_scope("back\\slash", s));
  EXPECT_FALSE(parse_scope("tab\there", s));
}

TEST(IssuerScope, GrantsTheIntersectionWithTheUsersScopes) {
  const auto users = default_demo_users();
  const auto* reader = find_user(users, "reader");
  ASSERT_NE(reader, nullptr);
  const auto g = grant_scope({"openid", "files:read", "files:delete"}, reader->scopes);
  EXPECT_THAT(g.scope, ElementsAre("openid", "files:read"));
  EXPECT_THAT(g.permissions, ElementsAre("files:read"));
}

TEST(IssuerScope, BasicUserGetsNoPermissions) {
  const auto users = default_demo_users();
  const auto g = grant_scope({"files:read", "files:delete"}, find_user(users, "basic")->scopes);
  EXPECT_THAT(g.scope, IsEmpty());
  EXPECT_THAT(g.permissions, IsEmpty());
}

TEST(IssuerScope, AdminHoldsEveryDemoScope) {
  const auto users = default_demo_users();
  const auto* admin = find_user(users, "admin");
  EXPECT_THAT(admin->roles, ElementsAre("admin"));
  EXPECT_THAT(grant_scope({"files:delete", "files:read"}, admin->scopes).permissions,
              ElementsAre("files:delete", "files:read"));
  EXPECT_THAT(all_user_scopes(users), ElementsAre("files:read", "files:delete"));
  EXPECT_EQ(find_user(users, "nobody"), nullptr);
}

}  // namespace
}  // namespace mcpgate::issuer
