#include "server/sandbox.hpp"
#include "server/error.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

namespace mcpgate::server {
namespace {

namespace fs = std::filesystem;

// A fresh directory holding "root" (the sandbox) and "outside" (what must never be touched).
class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    base_ = fs::temp_directory_path() /
            ("mcpgate-sandbox-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    root_ = base_ / "root";
    outside_ = base_ / "outside";
    fs::create_directories(root_ / "sub" / "deeper");
    fs::create_directories(outside_);
    write(root_ / "a.txt", "alpha");
    write(root_ / "sub" / "b.txt", "beta");
    write(outside_ / "secret.txt", "do not delete");
    auto sb = sandbox::open(root_);
    ASSERT_TRUE(sb);
    box_.emplace(std::move(*sb));
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  errc remove(std::string_view rel) {
    auto ec = box_->remove_file(rel);
    return ec ? static_cast<errc>(ec.value()) : errc::ok;
  }

  fs::path base_, root_, outside_;
  std::optional<sandbox> box_;
};

TEST_F(SandboxTest, ListsRootAndSubdirectory) {
  auto top = box_->list("");
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].name, "a.txt");
  EXPECT_EQ((*top)[0].type, entry_type::file);
  EXPECT_EQ((*top)[0].size, 5u);
  EXPECT_EQ((*top)[1].name, "sub");
  EXPECT_EQ((*top)[1].type, entry_type::directory);
  auto sub = box_->list("./sub/");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->size(), 2u);
}

TEST_F(SandboxTest, DeletesRegularFile) {
  EXPECT_EQ(remove("sub/b.txt"), errc::ok);
  EXPECT_FALSE(fs::exists(root_ / "sub" / "b.txt"));
  EXPECT_EQ(remove("sub/b.txt"), errc::not_found);
}

TEST_F(SandboxTest, RefusesTraversalAndAbsolutePaths) {
  EXPECT_EQ(remove("../outside/secret.txt"), errc::path_parent);
  EXPECT_EQ(remove("sub/../../outside/secret.txt"), errc::path_parent);
  EXPECT_EQ(remove((outside_ / "secret.txt").string()), errc::path_absolute);
  EXPECT_EQ(remove(""), errc::path_invalid);
  EXPECT_EQ(remove(std::string{"a.txt\0x", 7}), errc::path_invalid);
  EXPECT_FALSE(box_->list(".."));
  EXPECT_TRUE(fs::exists(outside_ / "secret.txt"));
}

TEST_F(SandboxTest, RefusesDirectoriesAndMissingFiles) {
  EXPECT_EQ(remove("sub"), errc::is_directory);
  EXPECT_EQ(remove("sub/deeper"), errc::is_directory);
  EXPECT_EQ(remove("nope.txt"), errc::not_found);
  EXPECT_EQ(remove("a.txt/x"), errc::not_a_directory);
  EXPECT_TRUE(fs::is_directory(root_ / "sub"));
}

TEST_F(SandboxTest, RefusesSymlinksOutOfTheRoot) {
  fs::create_symlink(outside_, root_ / "escape");
  fs::create_symlink(outside_ / "secret.txt", root_ / "link.txt");
  EXPECT_EQ(remove("escape/secret.txt"), errc::symlink_refused);
  EXPECT_EQ(remove("link.txt"), errc::symlink_refused);
  EXPECT_FALSE(box_->list("escape"));
  EXPECT_TRUE(fs::exists(outside_ / "secret.txt"));
  EXPECT_TRUE(fs::is_symlink(root_ / "link.txt"));
  // A listing shows the link as a link, without following it.
  auto top = box_->list("");
  ASSERT_TRUE(top);
  bool saw_link = false;
  for (const auto& e : *top) {
    saw_link = saw_link || (e.name == "escape" && e.type == entry_type::symlink);
  }
  EXPECT_TRUE(saw_link);
}

TEST_F(SandboxTest, RefusesSpecialFiles) {
  ASSERT_EQ(::mkfifo((root_ / "fifo").c_str(), 0600), 0);
  EXPECT_EQ(remove("fifo"), errc::not_regular_file);
}

TEST_F(SandboxTest, DirectoryMovedOutOfRootIsDetected) {
  // Every call resolves from the root descriptor, so a directory moved away is simply gone.
  fs::rename(root_ / "sub", outside_ / "sub");
  EXPECT_EQ(remove("sub/b.txt"), errc::not_found);
  EXPECT_TRUE(fs::exists(outside_ / "sub" / "b.txt"));
}

// A concurrent attacker swaps "sub" between a real directory and a symlink to the outside while
// delete_file runs in a loop. Whatever interleaving happens, the file outside must survive.
TEST_F(SandboxTest, RaceWithConcurrentRenameNeverLeavesRoot) {
  for (int i = 0; i < 50; ++i) {
    write(outside_ / ("victim" + std::to_string(i) + ".txt"), "x");
  }
  fs::remove_all(root_ / "sub");
  fs::create_directory(root_ / "real");
  fs::create_symlink(outside_, root_ / "evil");
  std::atomic<bool> stop{false};
  std::thread attacker([&] {
    while (!stop.load()) {
      // sub -> real directory, then sub -> symlink out of the root.
      ::rename((root_ / "real").c_str(), (root_ / "sub").c_str());
      ::rename((root_ / "sub").c_str(), (root_ / "real").c_str());
      ::rename((root_ / "evil").c_str(), (root_ / "sub").c_str());
      ::rename((root_ / "sub").c_str(), (root_ / "evil").c_str());
    }
  });
  for (int round = 0; round < 2000; ++round) {
    for (int i = 0; i < 50; i += 7) {
      (void)box_->remove_file("sub/victim" + std::to_string(i) + ".txt");
    }
  }
  stop = true;
  attacker.join();
  for (int i = 0; i < 50; ++i) {
    EXPECT_TRUE(fs::exists(outside_ / ("victim" + std::to_string(i) + ".txt"))) << i;
  }
}

TEST(SandboxPath, Splits) {
  auto p = split_relative_path("a//./b/");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(split_relative_path("/etc/passwd"));
  EXPECT_FALSE(split_relative_path("a/.."));
  sandbox_limits lim;
  lim.max_components = 2;
  EXPECT_FALSE(split_relative_path("a/b/c", lim));
}

TEST(SandboxSeed, CreatesOnceWithSamples) {
  const fs::path dir = fs::temp_directory_path() / ("mcpgate-seed-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto first = ensure_seeded_root(dir);
  ASSERT_TRUE(first);
  EXPECT_TRUE(*first);
  EXPECT_TRUE(fs::exists(dir / "README.txt"));
  EXPECT_TRUE(fs::exists(dir / "reports" / "q1.csv"));
  fs::remove(dir / "README.txt");
  auto second = ensure_seeded_root(dir);
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);
  EXPECT_FALSE(fs::exists(dir / "README.txt"));  // an existing root is never re-seeded
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mcpgate::server
