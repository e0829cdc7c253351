#include "server/sandbox.hpp"

#include "server/error.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>
#include <utility>

namespace mcpgate::server {

namespace {

constexpr int dir_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// How far up a held directory is walked to confirm it is still below the root.
constexpr std::size_t max_ancestor_walk = 256;

error_code from_errno(int e) {
  switch (e) {
    case ENOENT:
      return make_error_code(errc::not_found);
    case ELOOP:
      // O_NOFOLLOW on a symlink gives ELOOP.
      return make_error_code(errc::symlink_refused);
    case ENOTDIR:
      return make_error_code(errc::not_a_directory);
    case EISDIR:
      return make_error_code(errc::is_directory);
    case ENAMETOOLONG:
      return make_error_code(errc::path_invalid);
    default:
      return make_error_code(errc::io_error);
  }
}

entry_type type_of(mode_t mode) {
  if (S_ISREG(mode)) {
    return entry_type::file;
  }
  if (S_ISDIR(mode)) {
    return entry_type::directory;
  }
  if (S_ISLNK(mode)) {
    return entry_type::symlink;
  }
  return entry_type::other;
}

// Opens the directory reached from `root` through `components` (all of them directories).
result<unique_fd> open_dir(int root, const std::vector<std::string>& components,
                           std::size_t count) {
  unique_fd current{::openat(root, ".", dir_flags)};
  if (!current) {
    return make_error_code(errc::root_unavailable);
  }
  for (std::size_t i = 0; i < count; ++i) {
    unique_fd next{::openat(current.get(), components[i].c_str(), dir_flags)};
    if (!next) {
      const int e = errno;
      // ENOTDIR from O_DIRECTORY may also mean a symlink to a file: look without following.
      struct stat st {};
      if (::fstatat(current.get(), components[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(st.st_mode)) {
        return make_error_code(errc::symlink_refused);
      }
      return from_errno(e);
    }
    current = std::move(next);
  }
  return current;
}

// Whether `dir` is still the root or below it: walks ".." (never following links) until it meets
// the root's inode or the filesystem's top. A directory renamed out of the tree after we opened
// it fails this check, so nothing is unlinked in it.
bool still_below_root(int root, int dir) {
  struct stat root_st {};
  if (::fstat(root, &root_st) != 0) {
    return false;
  }
  unique_fd current{::openat(dir, ".", dir_flags)};
  for (std::size_t i = 0; current && i < max_ancestor_walk; ++i) {
    struct stat st {};
    if (::fstat(current.get(), &st) != 0) {
      return false;
    }
    if (st.st_dev == root_st.st_dev && st.st_ino == root_st.st_ino) {
      return true;
    }
    unique_fd parent{::openat(current.get(), "..", dir_flags)};
    struct stat parent_st {};
    if (!parent || ::fstat(parent.get(), &parent_st) != 0) {
      return false;
    }
    if (parent_st.st_dev == st.st_dev && parent_st.st_ino == st.st_ino) {
      return false;  // reached "/" without meeting the root
    }
    current = std::move(parent);
  }
  return false;
}

}  // namespace

unique_fd& unique_fd::operator=(unique_fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.release();
  }
  return *this;
}

unique_fd::~unique_fd() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

std::string_view to_string(entry_type t) noexcept {
  switch (t) {
    case entry_type::file:
      return "file";
    case entry_type::directory:
      return "directory";
    case entry_type::symlink:
      return "symlink";
    case entry_type::other:
      break;
  }
  return "other";
}

result<std::vector<std::string>> split_relative_path(std::string_view path,
                                                     const sandbox_limits& limits) {
  if (path.size() > limits.max_path_bytes || path.find('\0') != std::string_view::npos) {
    return make_error_code(errc::path_invalid);
  }
  if (path.starts_with('/')) {
    return make_error_code(errc::path_absolute);
  }
  std::vector<std::string> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      return make_error_code(errc::path_parent);
    }
    if (out.size() == limits.max_components) {
      return make_error_code(errc::path_invalid);
    }
    out.emplace_back(part);
  }
  return out;
}

result<sandbox> sandbox::open(const std::filesystem::path& root, sandbox_limits limits) {
  unique_fd fd{::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (!fd) {
    return make_error_code(errc::root_unavailable);
  }
  std::error_code ec;
  auto canonical = std::filesystem::canonical(root, ec);
  return sandbox{std::move(fd), ec ? root : canonical, limits};
}

result<std::vector<dir_entry>> sandbox::list(std::string_view relative) const {
  auto parts = split_relative_path(relative, limits_);
  if (!parts) {
    return parts.error();
  }
  auto dir = open_dir(root_.get(), *parts, parts->size());
  if (!dir) {
    return dir.error();
  }
  // fdopendir takes ownership of the descriptor it is given.
  DIR* stream = ::fdopendir(dir->get());
  if (stream == nullptr) {
    return make_error_code(errc::io_error);
  }
  const int dfd = dir->release();
  std::vector<dir_entry> out;
  error_code failure;
  while (const dirent* d = ::readdir(stream)) {
    const std::string_view name = d->d_name;
    if (name == "." || name == "..") {
      continue;
    }
    if (out.size() == limits_.max_entries) {
      failure = make_error_code(errc::too_many_entries);
      break;
    }
    dir_entry e;
    e.name = std::string{name};
    struct stat st {};
    if (::fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      e.type = type_of(st.st_mode);
      e.size = e.type == entry_type::file ? static_cast<std::uint64_t>(st.st_size) : 0;
    }
    out.push_back(std::move(e));
  }
  ::closedir(stream);
  if (failure) {
    return failure;
  }
  std::sort(out.begin(), out.end(),
            [](const dir_entry& a, const dir_entry& b) { return a.name < b.name; });
  return out;
}

error_code sandbox::remove_file(std::string_view relative) const {
  auto parts = split_relative_path(relative, limits_);
  if (!parts) {
    return parts.error();
  }
  if (parts->empty()) {
    return make_error_code(errc::path_invalid);
  }
  auto dir = open_dir(root_.get(), *parts, parts->size() - 1);
  if (!dir) {
    return dir.error();
  }
  const std::string& name = parts->back();
  struct stat st {};
  if (::fstatat(dir->get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return from_errno(errno);
  }
  if (S_ISLNK(st.st_mode)) {
    return make_error_code(errc::symlink_refused);
  }
  if (S_ISDIR(st.st_mode)) {
    return make_error_code(errc::is_directory);
  }
  if (!S_ISREG(st.st_mode)) {
    return make_error_code(errc::not_regular_file);
  }
  if (!still_below_root(root_.get(), dir->get())) {
    return make_error_code(errc::escaped_root);
  }
  // unlinkat without AT_REMOVEDIR never removes a directory, and on a symlink swapped in since
  // the check it removes the link itself (inside the held directory), never its target.
  if (::unlinkat(dir->get(), name.c_str(), 0) != 0) {
    return from_errno(errno);
  }
  return {};
}

result<bool> ensure_seeded_root(const std::filesystem::path& root) {
  std::error_code ec;
  if (std::filesystem::exists(root, ec)) {
    return false;
  }
  std::filesystem::create_directories(root / "reports", ec);
  if (ec) {
    return result<bool>{boost::system::in_place_error, make_error_code(errc::root_unavailable)};
  }
  const std::pair<const char*, const char*> samples[] = {
      {"README.txt",
       "Sample files for the mcpgate demo server.\n"
       "list_files shows them; delete_file removes one.\n"},
      {"notes.md",
       "# Notes\n\n- files:read lets you list these files\n"
       "- files:delete and the admin role let you delete them\n"},
      {"todo.txt", "1. connect through the gateway\n2. call list_files\n"},
      {"reports/q1.csv", "month,requests\njan,120\nfeb,180\nmar,240\n"},
  };
  for (const auto& [name, text] : samples) {
    std::ofstream out(root / name);
    out << text;
    if (!out) {
      return result<bool>{boost::system::in_place_error, make_error_code(errc::io_error)};
    }
  }
  return true;
}

}  // namespace mcpgate::server
