#include "gateway/file_watch.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mcpgate::gateway {
namespace {

namespace fs = std::filesystem;

class file_watch_test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mcpgate-watch-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& p, const std::string& text) { std::ofstream{p} << text; }
  fs::path dir_;
};

TEST_F(file_watch_test, sees_edits_but_not_touches) {
  const auto file = dir_ / "policy.yaml";
  write(file, "a: 1\n");
  file_watch w{{file.string()}};
  EXPECT_FALSE(w.changed());
  write(file, "a: 2\n");
  EXPECT_TRUE(w.changed());
  EXPECT_FALSE(w.changed());
  // Same content rewritten: not a change.
  write(file, "a: 2\n");
  EXPECT_FALSE(w.changed());
}

TEST_F(file_watch_test, follows_configmap_symlink_swap) {
  // The layout kubelet makes: file -> ..data/file, ..data -> ..2024_01_01 (a timestamped dir).
  fs::create_directories(dir_ / "..v1");
  write(dir_ / "..v1" / "policy.yaml", "rules: 1\n");
  fs::create_directory_symlink("..v1", dir_ / "..data");
  fs::create_symlink("..data/policy.yaml", dir_ / "policy.yaml");
  file_watch w{{(dir_ / "policy.yaml").string()}};
  EXPECT_FALSE(w.changed());

  fs::create_directories(dir_ / "..v2");
  write(dir_ / "..v2" / "policy.yaml", "rules: 2\n");
  fs::create_directory_symlink("..v2", dir_ / "..data_tmp");
  fs::rename(dir_ / "..data_tmp", dir_ / "..data");  // atomic swap, as kubelet does
  fs::remove_all(dir_ / "..v1");
  EXPECT_TRUE(w.changed());
  EXPECT_FALSE(w.changed());
}

TEST_F(file_watch_test, missing_file_counts_once) {
  const auto file = dir_ / "p.yaml";
  write(file, "x");
  file_watch w{{file.string()}};
  fs::remove(file);
  EXPECT_TRUE(w.changed());
  EXPECT_FALSE(w.changed());
  write(file, "x");
  EXPECT_TRUE(w.changed());
}

}  // namespace
}  // namespace mcpgate::gateway
