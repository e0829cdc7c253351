// `mcpgate policy eval`: offline CEL evaluation, printing the result in the tagged JSON form of
// the conformance data. The `policy` group is created by policy_group() so other files can add
// `check` and `explain` to it.

#include "cel/program.hpp"
#include "cel/tagged_json.hpp"
#include "cli/commands.hpp"
#include "json/strict.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

namespace mcpgate::cli {

namespace {

constexpr int exit_ok = 0;
constexpr int exit_eval_error = 1;
constexpr int exit_usage = 2;

// A variables document is a claims set or a hand-written request; anything larger is a mistake.
constexpr std::size_t max_vars_bytes = 1 << 20;

struct eval_args {
  std::string expr;
  std::string vars_json;
  std::string vars_file;
};

int run_eval(const eval_args& a) {
  std::string vars_text = a.vars_json;
  if (!a.vars_file.empty()) {
    std::ifstream in{a.vars_file, std::ios::binary};
    if (!in) {
      std::cerr << "error: cannot read " << a.vars_file << '\n';
      return exit_usage;
    }
    vars_text.assign(std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{});
  }
  boost::json::value doc = boost::json::object{};
  if (!vars_text.empty()) {
    json::limits lim;
    lim.max_bytes = max_vars_bytes;
    auto parsed = json::parse(vars_text, lim);
    if (!parsed) {
      std::cerr << "error: --vars: " << parsed.error().message() << '\n';
      return exit_usage;
    }
    if (!parsed->is_object()) {
      std::cerr << "error: --vars must be a JSON object of variable names\n";
      return exit_usage;
    }
    doc = std::move(*parsed);
  }
  auto prog = cel::program::compile(a.expr);
  if (!prog) {
    std::cerr << prog.error().describe(a.expr) << '\n';
    return exit_usage;
  }
  // Plain JSON binds as JWT claims do: the values are borrowed from `doc`, which outlives the
  // evaluation.
  cel::activation vars;
  for (const auto& member : doc.as_object()) {
    vars.bind(member.key(), cel::value::from_json(member.value()));
  }
  const cel::value result = prog->evaluate(vars);
  std::cout << boost::json::serialize(cel::to_tagged_json(result)) << '\n';
  return result.is_error() ? exit_eval_error : exit_ok;
}

}  // namespace

CLI::App& policy_group(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return s->get_name() == "policy"; })) {
    return *sub;
  }
  CLI::App* group = app.add_subcommand("policy", "Offline CEL policy tools");
  group->require_subcommand(1);
  return *group;
}

void register_policy(CLI::App& app, action& chosen) {
  CLI::App& group = policy_group(app);
  auto args = std::make_shared<eval_args>();
  CLI::App* eval = group.add_subcommand(
      "eval", "Evaluate a CEL expression; prints the result as tagged JSON ({\"bool\":true})");
  eval->add_option("--expr", args->expr, "The CEL expression")->required();
  auto* vars = eval->add_option("--vars", args->vars_json,
                                "Variables as a JSON object ({\"jwt\": {...}, \"mcp\": {...}})");
  eval->add_option("--vars-file", args->vars_file, "Read the variables object from a file")
      ->excludes(vars);
  eval->callback([args, &chosen] { chosen = [args] { return run_eval(*args); }; });
}

}  // namespace mcpgate::cli
