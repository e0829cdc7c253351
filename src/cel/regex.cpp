#include "cel/regex.hpp"

#include <re2/re2.h>

namespace mcpgate::cel {

std::shared_ptr<const re2::RE2> compile_regex(std::string_view pattern, const options& opts,
                                              std::string& why) {
  re2::RE2::Options o;
  o.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(re2::StringPiece{pattern.data(), pattern.size()}, o);
  if (!re->ok()) {
    why = re->error();
    return nullptr;
  }
  if (re->ProgramSize() > opts.max_regex_program_size) {
    why = "program size " + std::to_string(re->ProgramSize()) + " exceeds the budget of " +
          std::to_string(opts.max_regex_program_size);
    return nullptr;
  }
  return re;
}

}  // namespace mcpgate::cel
