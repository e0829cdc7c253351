#include "config/env.hpp"

#include <gtest/gtest.h>

namespace mcpgate::config {
namespace {

const env_lookup env = map_environment({{"HOST", "tenant.auth0.com"}, {"EMPTY", ""}});

TEST(ExpandVariables, ReplacesEachVariable) {
  auto r = expand_variables("https://${HOST}/x/${HOST}", env);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.value, "https://tenant.auth0.com/x/tenant.auth0.com");
}

TEST(ExpandVariables, EmptyValueIsSetNotMissing) {
  auto r = expand_variables("a${EMPTY}b", env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "ab");
}

TEST(ExpandVariables, UnsetVariableIsNamed) {
  auto r = expand_variables("https://${AUTH0_DOMAIN}/", env);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "environment variable AUTH0_DOMAIN is not set");
}

TEST(ExpandVariables, DoubleDollarEscapes) {
  auto r = expand_variables("$${HOST} costs $5 and $$", env);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.value, "${HOST} costs $5 and $$");
}

TEST(ExpandVariables, ValueIsNotExpandedAgain) {
  auto nested = map_environment({{"A", "${B}"}});
  auto r = expand_variables("${A}", nested);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "${B}");
}

TEST(ExpandVariables, MalformedReferencesAreErrors) {
  EXPECT_NE(expand_variables("${HOST", env).error.find("unterminated"), std::string::npos);
  EXPECT_NE(expand_variables("${}", env).error.find("invalid variable name"), std::string::npos);
  EXPECT_NE(expand_variables("${1A}", env).error.find("invalid variable name"), std::string::npos);
  EXPECT_NE(expand_variables("${A-B}", env).error.find("invalid variable name"), std::string::npos);
}

TEST(ExpandVariables, ProcessEnvironmentReadsGetenv) {
  ::setenv("MCPGATE_CONFIG_TEST_VAR", "from-process", 1);
  auto r = expand_variables("${MCPGATE_CONFIG_TEST_VAR}", process_environment());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "from-process");
  ::unsetenv("MCPGATE_CONFIG_TEST_VAR");
  EXPECT_FALSE(expand_variables("${MCPGATE_CONFIG_TEST_VAR}", process_environment()).ok());
}

}  // namespace
}  // namespace mcpgate::config
