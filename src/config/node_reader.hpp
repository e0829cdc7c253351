#pragma once

#include "config/env.hpp"
#include "config/error.hpp"
#include "config/limits.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::config {

// State shared by every reader over one file: its name, the environment for ${VAR}, and the
// node budget that bounds the cost of aliases.
struct read_context {
  std::string file;
  env_lookup env;
  load_limits limits;
  std::size_t nodes_seen = 0;
};

// A typed view of one YAML node that knows its dotted field path ("spec.traffic.cors") and
// throws config_error naming file:line:column and that path on any mismatch. Scalars go through
// ${VAR} expansion when read. Maps are checked for unknown and duplicate keys before use, so a
// misspelt key is an error instead of a silently ignored setting.
class node_reader {
 public:
  node_reader(YAML::Node node, std::string path, read_context& ctx, std::size_t depth = 0);

  const std::string& path() const noexcept { return path_; }
  source_location where() const;
  [[noreturn]] void fail(const std::string& detail) const;

  bool is_null() const;
  bool is_map() const;
  bool is_sequence() const;
  bool is_scalar() const;

  // Requires a map (null counts as an empty one) whose keys are plain strings, each at most once,
  // each in `allowed`. Keys in `unsupported` get an error saying mcpgate does not implement them
  // (they are valid agentgateway fields); keys in `ignored` are accepted and never read.
  void expect_map(std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> unsupported = {},
                  std::initializer_list<std::string_view> ignored = {}) const;

  // The value under key; nullopt when absent or null ("key:" with nothing after it).
  std::optional<node_reader> get(std::string_view key) const;
  // Fails when `key` is written with no value ("key:" or "key: null"), which get() reads as
  // absent: for sections whose absence weakens security, an empty one is more likely a file cut
  // short than an intent.
  void refuse_empty(std::string_view key) const;
  node_reader required(std::string_view key) const;

  // Elements of a sequence (null counts as empty), with paths "field[i]".
  std::vector<node_reader> items() const;
  // Entries of a map with string keys (duplicates rejected), with paths "field.key".
  std::vector<std::pair<std::string, node_reader>> entries() const;

  std::string as_string() const;
  std::string as_nonempty_string() const;
  bool as_bool() const;
  std::uint64_t as_uint(std::uint64_t min, std::uint64_t max) const;
  std::chrono::milliseconds as_duration() const;
  std::uint64_t as_size() const;
  std::vector<std::string> as_string_list() const;
  // A scalar that must be one of `names`; the error lists them all.
  template <class Enum>
  Enum as_enum(std::initializer_list<std::pair<std::string_view, Enum>> names) const;

 private:
  node_reader child(YAML::Node node, std::string path) const;
  std::string raw_scalar() const;

  YAML::Node node_;
  std::string path_;
  read_context* ctx_;
  std::size_t depth_;
};

template <class Enum>
Enum node_reader::as_enum(std::initializer_list<std::pair<std::string_view, Enum>> names) const {
  const std::string value = as_string();
  std::string expected;
  for (const auto& [name, e] : names) {
    if (value == name) {
      return e;
    }
    expected += (expected.empty() ? "" : ", ") + std::string{name};
  }
  fail("expected one of " + expected + ", got \"" + value + "\"");
}

}  // namespace mcpgate::config
