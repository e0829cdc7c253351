#include "cel/activation.hpp"

namespace mcpgate::cel {

void activation::bind(std::string_view name, value v) {
  qualified_ = qualified_ || name.find('.') != std::string_view::npos;
  for (std::size_t i = 0; i < size_; ++i) {
    if (inline_[i].name == name) {
      inline_[i].val = std::move(v);
      return;
    }
  }
  for (auto& b : overflow_) {
    if (b.name == name) {
      b.val = std::move(v);
      return;
    }
  }
  if (size_ < inline_capacity) {
    inline_[size_++] = {name, std::move(v)};
  } else {
    overflow_.push_back({name, std::move(v)});
  }
}

void activation::clear() noexcept {
  for (std::size_t i = 0; i < size_; ++i) {
    inline_[i] = {};
  }
  size_ = 0;
  overflow_.clear();
  qualified_ = false;
}

const value* activation::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < size_; ++i) {
    if (inline_[i].name == name) {
      return &inline_[i].val;
    }
  }
  for (const auto& b : overflow_) {
    if (b.name == name) {
      return &b.val;
    }
  }
  return nullptr;
}

}  // namespace mcpgate::cel
