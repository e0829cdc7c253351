#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace mcpgate::gateway {

// A bounded least-recently-used map from string keys to values that expire at a given time.
// Not thread-safe by design: the gateway keeps one per worker (DESIGN.md, verified-token cache),
// so the request path takes no lock.
template <class Value>
class lru_cache {
 public:
  using time_point = std::chrono::system_clock::time_point;

  explicit lru_cache(std::size_t capacity) : capacity_{capacity} {}

  // The value for `key` if present and not expired at `now`; an expired entry is dropped.
  const Value* find(std::string_view key, time_point now) {
    auto it = index_.find(key);
    if (it == index_.end()) {
      return nullptr;
    }
    auto entry = it->second;
    if (entry->expires <= now) {
      index_.erase(it);
      order_.erase(entry);
      return nullptr;
    }
    order_.splice(order_.begin(), order_, entry);
    return &entry->value;
  }

  void insert(std::string key, Value value, time_point expires) {
    if (capacity_ == 0) {
      return;
    }
    if (auto it = index_.find(std::string_view{key}); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    if (order_.size() >= capacity_) {
      index_.erase(std::string_view{order_.back().key});
      order_.pop_back();
    }
    order_.push_front(node{std::move(key), std::move(value), expires});
    index_.emplace(std::string_view{order_.front().key}, order_.begin());
  }

  std::size_t size() const noexcept { return order_.size(); }
  void clear() noexcept {
    index_.clear();
    order_.clear();
  }

 private:
  struct node {
    std::string key;
    Value value;
    time_point expires;
  };
  std::size_t capacity_;
  std::list<node> order_;  // most recent first; keys are stable, so the index can view them
  std::unordered_map<std::string_view, typename std::list<node>::iterator> index_;
};

}  // namespace mcpgate::gateway
