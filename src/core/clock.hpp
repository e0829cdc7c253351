#pragma once

#include <atomic>
#include <chrono>

namespace mcpgate::core {

// Time is passed in (STYLE.md, habit 5): code that checks expiry or caches takes a clock&, so
// tests move time instead of sleeping.
class clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  using duration = std::chrono::system_clock::duration;

  virtual ~clock() = default;
  virtual time_point now() const noexcept = 0;

  // Seconds since the Unix epoch, as JWT numeric dates count them.
  std::int64_t unix_seconds() const noexcept {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }
};

class system_clock final : public clock {
 public:
  time_point now() const noexcept override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to; safe to read from other threads while a test advances it.
class manual_clock final : public clock {
 public:
  explicit manual_clock(time_point start = time_point{}) noexcept
      : ticks_{start.time_since_epoch().count()} {}

  static manual_clock at_unix(std::int64_t seconds) noexcept {
    return manual_clock{time_point{std::chrono::seconds{seconds}}};
  }

  time_point now() const noexcept override { return time_point{duration{ticks_.load()}}; }
  void set(time_point t) noexcept { ticks_.store(t.time_since_epoch().count()); }
  void advance(duration d) noexcept { ticks_.fetch_add(d.count()); }

 private:
  std::atomic<duration::rep> ticks_;
};

// The process-wide real clock.
const clock& real_clock() noexcept;

}  // namespace mcpgate::core
