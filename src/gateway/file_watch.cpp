#include "gateway/file_watch.hpp"

#include <fstream>

namespace mcpgate::gateway {

namespace {

// FNV-1a: a change detector, not a security boundary.
std::uint64_t hash_file(const std::string& path, bool& ok) {
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    ok = false;
    return 0;
  }
  std::uint64_t h = 1469598103934665603ull;
  char buf[8192];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ull;
    }
  }
  ok = true;
  return h;
}

}  // namespace

file_watch::file_watch(std::vector<std::string> paths) : paths_{std::move(paths)} {
  states_.reserve(paths_.size());
  for (const auto& p : paths_) {
    states_.push_back(observe(p));
  }
}

file_watch::state file_watch::observe(const std::string& path) {
  state s;
  s.content_hash = hash_file(path, s.readable);
  return s;
}

bool file_watch::changed() {
  bool any = false;
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    const state now = observe(paths_[i]);
    if (now.readable != states_[i].readable || now.content_hash != states_[i].content_hash) {
      any = true;
    }
    states_[i] = now;
  }
  return any;
}

}  // namespace mcpgate::gateway
