#include "cli/logging.hpp"

#include <fmt/chrono.h>
#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

namespace mcpgate::cli {

namespace {

void append_escaped(spdlog::memory_buf_t& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out.append(std::string_view{"\\\""});
        break;
      case '\\':
        out.append(std::string_view{"\\\\"});
        break;
      case '\n':
        out.append(std::string_view{"\\n"});
        break;
      case '\r':
        out.append(std::string_view{"\\r"});
        break;
      case '\t':
        out.append(std::string_view{"\\t"});
        break;
      default:
        if (c < 0x20) {
          const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
          out.append(esc, esc + sizeof esc);
        } else {
          out.push_back(ch);
        }
    }
  }
}

// One JSON object per line: {"ts":…,"level":…,"msg":…}.
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto t = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    const auto ms = t.time_since_epoch().count() % 1000;
    fmt::format_to(std::back_inserter(dest), R"({{"ts":"{:%Y-%m-%dT%H:%M:%S}.{:03}Z","level":")",
                   fmt::gmtime(std::chrono::system_clock::to_time_t(t)), ms);
    const auto level = spdlog::level::to_string_view(msg.level);
    dest.append(level.data(), level.data() + level.size());
    dest.append(std::string_view{R"(","msg":")"});
    append_escaped(dest, {msg.payload.data(), msg.payload.size()});
    dest.append(std::string_view{"\"}\n"});
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

}  // namespace

void setup_logging(log_format format, std::string_view level) {
  auto logger = std::make_shared<spdlog::logger>("mcpgate",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == log_format::json) {
    logger->set_formatter(std::make_unique<json_formatter>());
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %v");
  }
  logger->set_level(spdlog::level::from_str(std::string{level}));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void apply_config_logging(const config::logging_options& logging, const logging_flags& flags,
                          bool at_start) {
  const std::string_view level = config::to_string(logging.level);
  if (at_start && !flags.format_given) {
    const auto current = spdlog::level::to_string_view(spdlog::default_logger_raw()->level());
    setup_logging(logging.format == config::log_format::json ? log_format::json : log_format::text,
                  std::string_view{current.data(), current.size()});
  }
  if (!flags.level_given) {
    spdlog::default_logger_raw()->set_level(spdlog::level::from_str(std::string{level}));
  }
}

}  // namespace mcpgate::cli
