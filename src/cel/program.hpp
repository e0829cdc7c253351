#pragma once

#include "cel/activation.hpp"
#include "cel/ast.hpp"
#include "cel/error.hpp"
#include "cel/options.hpp"
#include "cel/value.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::cel {

// Why an expression was not true: the smallest sub-expression that decided the outcome.
struct explanation {
  value result;      // the whole expression's value (false, an error, or another value)
  span where;        // the deciding sub-expression in the source
  std::string text;  // its source text, e.g. jwt.scope.contains("files:delete")
  value decided;     // its value: false, or the error (e.g. "no such key: ...")

  // One line: `jwt.scope.contains("files:delete")` was false / `...`: no such key: x.
  std::string summary() const;
};

// A compiled CEL expression: parsed, checked, constants folded, literal regexes compiled.
// Immutable and safe to evaluate from many threads at once.
class program {
 public:
  static result<program, compile_error> compile(std::string_view source, const options& opts = {});

  // Evaluates against `vars`. A CEL error is returned as an error value; this never throws.
  value evaluate(const activation& vars) const;
  // The authorization reading: true only when the expression evaluates to boolean true; an
  // error or a non-boolean counts as not satisfied.
  bool evaluate_bool(const activation& vars) const;
  // Evaluates with a trace and reports what decided the outcome.
  explanation explain(const activation& vars) const;

  // Whether the expression may read the variable path `path` (e.g. "mcp.tool.arguments"): true
  // when it reads that path, something inside it, or an enclosing value as a whole.
  bool references(std::string_view path) const;

  // Functions the expression calls that the library does not have; each such call evaluates to
  // an error (CEL semantics), so a linter should report them.
  const std::vector<std::string>& unknown_functions() const noexcept;

  std::string_view source() const noexcept;
  const node& root() const noexcept;
  const options& opts() const noexcept;

 private:
  struct compiled;
  explicit program(std::shared_ptr<const compiled> c) : impl_(std::move(c)) {}
  std::shared_ptr<const compiled> impl_;
};

}  // namespace mcpgate::cel
