#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mcpgate::gateway {

// Notices when any of a set of files changes. Each check reads the path *through* symlinks, so
// Kubernetes' ConfigMap update — which swaps the `..data` symlink to a new directory rather than
// writing the file — is seen like an edit in place. It compares content hashes, not stat data:
// config files are small, mtimes are coarse (two writes within one tick look the same), and a
// touch without a change must not cause a reload. Polling, not inotify: inotify watches inodes
// and loses track across exactly that symlink swap.
class file_watch {
 public:
  explicit file_watch(std::vector<std::string> paths);

  // True when some file's content differs from the previous call (or from construction).
  // A file that cannot be read counts as changed once (the reload then reports why).
  bool changed();

  const std::vector<std::string>& paths() const noexcept { return paths_; }

 private:
  struct state {
    std::uint64_t content_hash = 0;
    bool readable = false;
  };
  static state observe(const std::string& path);

  std::vector<std::string> paths_;
  std::vector<state> states_;
};

}  // namespace mcpgate::gateway
