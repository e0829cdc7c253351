// Compiles and evaluates arbitrary input under small budgets: any crash, sanitizer report or
// stack overflow is a bug; errors are expected.
#include "cel/program.hpp"

#include "json/strict.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mcpgate;
  static const auto claims =
      json::parse(R"({"scope":"files:read files:delete","roles":["admin"],"n":3,"d":1.5,
                      "m":{"k":[1,{"x":null}]}})")
          .value();
  cel::options opts;
  opts.max_expression_bytes = 4096;
  opts.max_parse_depth = 64;
  opts.max_iterations = 10000;
  opts.max_value_bytes = 1 << 16;
  opts.max_regex_program_size = 2000;
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  auto prog = cel::program::compile(text, opts);
  if (!prog) {
    (void)prog.error().describe(text);
    return 0;
  }
  cel::activation vars;
  vars.bind("jwt", cel::value::from_json(claims));
  vars.bind("x", cel::value::integer(7));
  (void)prog->evaluate(vars);
  (void)prog->explain(vars).summary();
  (void)prog->references("mcp.tool.arguments");
  return 0;
}
