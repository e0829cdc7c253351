#pragma once

// File operations confined to one directory tree. Every path is resolved from a directory
// descriptor of the root, one component at a time, with O_NOFOLLOW: no symbolic link is ever
// followed, ".." and absolute paths are refused before any system call, and the final operation
// (unlinkat, fdopendir) works on the descriptor reached that way, never on a path string. A
// concurrent rename of a directory therefore cannot redirect us outside the root, and a directory
// moved out of the root while we hold it is detected before we unlink anything in it.

#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::server {

struct sandbox_limits {
  // Entries returned by one listing; a larger directory is an error rather than a huge answer.
  std::size_t max_entries = 1000;
  // Bytes of a relative path and components in it.
  std::size_t max_path_bytes = 4096;
  std::size_t max_components = 64;
};

// An owned file descriptor.
class unique_fd {
 public:
  unique_fd() noexcept = default;
  explicit unique_fd(int fd) noexcept : fd_(fd) {}
  unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
  unique_fd& operator=(unique_fd&& other) noexcept;
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  ~unique_fd();

  int get() const noexcept { return fd_; }
  int release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

enum class entry_type { file, directory, symlink, other };

std::string_view to_string(entry_type t) noexcept;

struct dir_entry {
  std::string name;
  entry_type type = entry_type::other;
  std::uint64_t size = 0;  // bytes, for regular files
};

class sandbox {
 public:
  // Opens the root directory (following a symlink in the configured root path itself is fine:
  // the operator chose it).
  static result<sandbox> open(const std::filesystem::path& root, sandbox_limits limits = {});

  // Entries of the directory at `relative` ("" or "." for the root), sorted by name.
  result<std::vector<dir_entry>> list(std::string_view relative) const;

  // Deletes the regular file at `relative`. Directories, symbolic links, special files, missing
  // files and any path that would leave the root are refused.
  error_code remove_file(std::string_view relative) const;

  const std::filesystem::path& root_path() const noexcept { return root_path_; }

 private:
  sandbox(unique_fd root, std::filesystem::path path, sandbox_limits limits)
      : root_(std::move(root)), root_path_(std::move(path)), limits_(limits) {}

  unique_fd root_;
  std::filesystem::path root_path_;
  sandbox_limits limits_;
};

// Splits a relative path into components, refusing absolute paths, "..", NUL bytes and paths over
// the limits; "." and empty components (a//b) are dropped.
result<std::vector<std::string>> split_relative_path(std::string_view path,
                                                     const sandbox_limits& limits = {});

// Creates `root` (and parents) when it does not exist and fills it with a few sample files.
// Returns whether it was created. Used for the demo server's default data directory.
result<bool> ensure_seeded_root(const std::filesystem::path& root);

}  // namespace mcpgate::server
