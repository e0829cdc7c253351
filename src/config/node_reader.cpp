#include "config/node_reader.hpp"

#include "config/units.hpp"

#include <algorithm>
#include <set>

namespace mcpgate::config {

namespace {

std::string join_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string{key} : parent + "." + std::string{key};
}

std::string type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

}  // namespace

node_reader::node_reader(YAML::Node node, std::string path, read_context& ctx, std::size_t depth)
    : node_{std::move(node)}, path_{std::move(path)}, ctx_{&ctx}, depth_{depth} {
  // Every reader costs one unit: an alias repeated a million times costs a million, not zero.
  if (++ctx_->nodes_seen > ctx_->limits.max_nodes) {
    fail("more than " + std::to_string(ctx_->limits.max_nodes) +
         " nodes to read (alias expansion?)");
  }
  if (depth_ > ctx_->limits.max_nesting_depth) {
    fail("nests deeper than " + std::to_string(ctx_->limits.max_nesting_depth) + " levels");
  }
}

source_location node_reader::where() const {
  const auto mark = node_.Mark();
  return {ctx_->file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
}

void node_reader::fail(const std::string& detail) const {
  throw config_error{where(), path_, detail};
}

bool node_reader::is_null() const {
  return !node_.IsDefined() || node_.IsNull();
}
bool node_reader::is_map() const {
  return node_.IsMap();
}
bool node_reader::is_sequence() const {
  return node_.IsSequence();
}
bool node_reader::is_scalar() const {
  return node_.IsScalar();
}

node_reader node_reader::child(YAML::Node node, std::string path) const {
  return node_reader{std::move(node), std::move(path), *ctx_, depth_ + 1};
}

void node_reader::expect_map(std::initializer_list<std::string_view> allowed,
                             std::initializer_list<std::string_view> unsupported,
                             std::initializer_list<std::string_view> ignored) const {
  if (is_null()) {
    return;
  }
  if (!node_.IsMap()) {
    fail("expected a map, got " + type_name(node_));
  }
  auto contains = [](std::initializer_list<std::string_view> list, const std::string& key) {
    return std::find(list.begin(), list.end(), key) != list.end();
  };
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    const node_reader key = child(entry.first, path_);
    if (!entry.first.IsScalar()) {
      key.fail("map keys must be plain strings");
    }
    const std::string name = entry.first.Scalar();
    const node_reader named{entry.first, join_path(path_, name), *ctx_, depth_ + 1};
    if (!seen.insert(name).second) {
      named.fail("duplicate key");
    }
    if (contains(unsupported, name)) {
      named.fail("is a valid agentgateway field that mcpgate does not implement; remove it");
    }
    if (!contains(allowed, name) && !contains(ignored, name)) {
      std::string expected;
      for (auto a : allowed) {
        expected += (expected.empty() ? "" : ", ") + std::string{a};
      }
      named.fail("unknown field (expected one of: " + expected + ")");
    }
  }
}

std::optional<node_reader> node_reader::get(std::string_view key) const {
  if (!node_.IsMap()) {
    return std::nullopt;
  }
  // Iterate instead of operator[]: a lookup on a const node would compare keys through
  // conversions and has no way to tell us about duplicates.
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      if (!entry.second.IsDefined() || entry.second.IsNull()) {
        return std::nullopt;
      }
      return child(entry.second, join_path(path_, key));
    }
  }
  return std::nullopt;
}

void node_reader::refuse_empty(std::string_view key) const {
  if (!node_.IsMap()) {
    return;
  }
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key && entry.second.IsNull()) {
      throw config_error{where(), join_path(path_, key), "is empty"};
    }
  }
}

node_reader node_reader::required(std::string_view key) const {
  auto value = get(key);
  if (!value) {
    throw config_error{where(), join_path(path_, key), "required field is missing"};
  }
  return *value;
}

std::vector<node_reader> node_reader::items() const {
  std::vector<node_reader> out;
  if (is_null()) {
    return out;
  }
  if (!node_.IsSequence()) {
    fail("expected a list, got " + type_name(node_));
  }
  std::size_t i = 0;
  for (const auto& item : node_) {
    out.push_back(child(item, path_ + "[" + std::to_string(i++) + "]"));
  }
  return out;
}

std::vector<std::pair<std::string, node_reader>> node_reader::entries() const {
  std::vector<std::pair<std::string, node_reader>> out;
  if (is_null()) {
    return out;
  }
  if (!node_.IsMap()) {
    fail("expected a map, got " + type_name(node_));
  }
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar()) {
      child(entry.first, path_).fail("map keys must be plain strings");
    }
    const std::string name = entry.first.Scalar();
    node_reader value = child(entry.second, join_path(path_, name));
    if (!seen.insert(name).second) {
      value.fail("duplicate key");
    }
    out.emplace_back(name, std::move(value));
  }
  return out;
}

std::string node_reader::raw_scalar() const {
  if (!node_.IsScalar()) {
    fail("expected a scalar value, got " + type_name(node_));
  }
  return node_.Scalar();
}

std::string node_reader::as_string() const {
  auto expanded = expand_variables(raw_scalar(), ctx_->env);
  if (!expanded.ok()) {
    fail(expanded.error);
  }
  return std::move(expanded.value);
}

std::string node_reader::as_nonempty_string() const {
  auto value = as_string();
  if (value.empty()) {
    fail("must not be empty");
  }
  return value;
}

bool node_reader::as_bool() const {
  // Only the YAML 1.2 spellings: "yes", "on" and friends are ambiguous across tools.
  const auto value = as_string();
  if (value == "true") {
    return true;
  }
  if (value == "false") {
    return false;
  }
  fail("expected true or false, got \"" + value + "\"");
}

std::uint64_t node_reader::as_uint(std::uint64_t min, std::uint64_t max) const {
  const auto value = as_string();
  constexpr std::size_t max_digits = 19;
  if (value.empty() || value.size() > max_digits ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    fail("expected a non-negative integer, got \"" + value + "\"");
  }
  const std::uint64_t n = std::stoull(value);
  if (n < min || n > max) {
    fail("expected an integer in " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
         value);
  }
  return n;
}

std::chrono::milliseconds node_reader::as_duration() const {
  const auto value = as_string();
  auto d = parse_duration(value);
  if (!d) {
    fail("expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", got \"" + value + "\"");
  }
  return *d;
}

std::uint64_t node_reader::as_size() const {
  const auto value = as_string();
  auto s = parse_size(value);
  if (!s) {
    fail("expected a size such as \"65536\", \"16KiB\" or \"4MiB\", got \"" + value + "\"");
  }
  return *s;
}

std::vector<std::string> node_reader::as_string_list() const {
  std::vector<std::string> out;
  for (const auto& item : items()) {
    out.push_back(item.as_string());
  }
  return out;
}

}  // namespace mcpgate::config
