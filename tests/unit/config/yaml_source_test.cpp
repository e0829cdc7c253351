#include "config/yaml_source.hpp"
#include "config/load.hpp"
#include "config/policy_parser.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace mcpgate::config {
namespace {

using test::error_of;
using ::testing::HasSubstr;

TEST(CheckNesting, DeepFlowNestingRejectedBeforeParsing) {
  const std::string text = "a: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n";
  EXPECT_THAT(error_of([&] { parse_documents(text, "deep.yaml", {}); }), HasSubstr("deep.yaml:1:"));
  EXPECT_THAT(error_of([&] { parse_documents(text, "deep.yaml", {}); }),
              HasSubstr("nests deeper than the limit of 64 levels"));
}

TEST(CheckNesting, DeepBlockNestingRejected) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  }
  EXPECT_THAT(error_of([&] { parse_documents(text, "block.yaml", {}); }),
              HasSubstr("nests deeper"));
  std::string dashes = "- ";
  for (int i = 0; i < 200; ++i) {
    dashes += "- ";
  }
  EXPECT_THAT(error_of([&] { parse_documents(dashes + "x\n", "seq.yaml", {}); }),
              HasSubstr("seq.yaml:1:"));
}

TEST(CheckNesting, BracketsInQuotesAndBlockScalarsDoNotCount) {
  const std::string brackets(200, '[');
  const std::string text = "a: '" + brackets + "'\nb: \"" + brackets + "\"\nc: |\n  " + brackets +
                           "\n          " + brackets + "\nd: x # " + brackets + "\n";
  const auto docs = parse_documents(text, "ok.yaml", {});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["a"].Scalar(), brackets);
}

TEST(CheckNesting, ReferencePolicyPassesWithTightLimit) {
  load_limits tight;
  tight.max_nesting_depth = 16;
  EXPECT_NO_THROW(
      load_policy_file(test::data_dir() / "reference-auth0-policy.yaml", test::auth0_env(), tight));
}

TEST(ParseDocuments, AliasBombHitsNodeBudget) {
  // Each level doubles the node count seen through aliases: 2^20 leaves from a few lines.
  std::string text = "l0: &l0 ['x', 'x']\n";
  for (int i = 1; i <= 20; ++i) {
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [*l" + std::to_string(i - 1) +
            ", *l" + std::to_string(i - 1) + "]\n";
  }
  text += "backends: [{name: b, url: 'http://x', routes: *l20}]\n";
  const auto message = error_of([&] { load_config_text(text, "bomb.yaml", map_environment({})); });
  EXPECT_THAT(message, HasSubstr("bomb.yaml:"));
  EXPECT_FALSE(message.empty());
}

TEST(ParseDocuments, NodeBudgetCountsAliasExpansion) {
  std::string text = "l0: &l0 [a, b, c, d, e, f, g, h]\nall: [";
  for (int i = 0; i < 20; ++i) {
    text += "*l0, ";
  }
  text += "*l0]\n";
  load_limits small;
  small.max_nodes = 100;
  read_context ctx{"alias.yaml", map_environment({}), small, 0};
  const auto docs = parse_documents(text, "alias.yaml", small);
  const node_reader root{docs[0], "", ctx};
  EXPECT_THAT(error_of([&] {
                for (const auto& list : root.required("all").items()) {
                  (void)list.as_string_list();
                }
              }),
              HasSubstr("more than 100 nodes"));
}

TEST(ParseDocuments, SelfReferencingAliasTerminates) {
  const std::string text = "a: &a [*a]\n";
  // yaml-cpp may reject the forward alias or build a cycle; either way loading must end.
  const auto message = error_of([&] {
    load_config_text(text + "backends: [{name: b, url: 'http://x', routes: *a}]\n", "cycle.yaml",
                     map_environment({}));
  });
  EXPECT_THAT(message, HasSubstr("cycle.yaml:"));
}

TEST(CheckNesting, StrayCommaRejectedBeforeYamlCppLoopsOnIt) {
  // Each of these makes yaml-cpp 0.7's LoadAll spin forever (found by fuzz/config.cmake).
  for (const char* text : {",", "[a],", "\"x\",", "'x',", "- a\n,", "&x ,", "--- ,", "{a: b},"}) {
    EXPECT_THAT(error_of([&] { parse_documents(text, "comma.yaml", {}); }),
                HasSubstr("unexpected ','"))
        << text;
  }
  // A comma inside a plain scalar or inside brackets is fine.
  const auto docs = parse_documents("a: x, y\nb: [1, 2]\nc: {d: 1, e: 2}\n", "ok.yaml", {});
  EXPECT_EQ(docs[0]["a"].Scalar(), "x, y");
}

TEST(ParseDocuments, EndlessEmptyDocumentsAreBounded) {
  // yaml-cpp 0.7's LoadAll never returned on this (fuzz/corpus/config/yaml-cpp-loadall-endless):
  // it started empty documents forever. The documents are counted first, and bounded.
  const std::string text =
      "!: &a:\xa0"
      "b, uAU\x9b\x91"
      "d*`}]\n";
  EXPECT_THAT(error_of([&] { parse_documents(text, "endless.yaml", {}); }),
              HasSubstr("YAML documents in one file"));
  std::string empties;
  for (int i = 0; i < 100; ++i) {
    empties += "---\n";
  }
  EXPECT_TRUE(parse_documents(empties + "a: 1\n", "empties.yaml", {}).size() == 1);
}

TEST(ParseDocuments, TooManyDocuments) {
  std::string text;
  for (int i = 0; i < 70; ++i) {
    text += "---\na: 1\n";
  }
  EXPECT_THAT(error_of([&] { parse_documents(text, "many.yaml", {}); }),
              HasSubstr("more than 64 YAML documents"));
}

TEST(ReadConfigFile, SizeLimit) {
  const auto path = std::filesystem::temp_directory_path() / "mcpgate_config_size_test.yaml";
  {
    std::ofstream out{path};
    out << std::string(2048, '#');
  }
  load_limits small;
  small.max_file_bytes = 1024;
  EXPECT_THAT(error_of([&] { read_config_file(path, small); }),
              HasSubstr("more than the limit of 1024"));
  EXPECT_EQ(read_config_file(path, {}).size(), 2048u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace mcpgate::config
