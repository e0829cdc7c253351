// Data-driven runner for the CEL conformance files in tests/conformance/cel (converted from
// google/cel-spec). One test per file; it prints passed/failed/skipped and fails on any failure.
// Skips come only from expected_skips.hpp, each with a written reason.
#include "cel/program.hpp"
#include "cel/tagged_json.hpp"
#include "expected_skips.hpp"

#include "json/strict.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <list>
#include <sstream>
#include <string>

namespace mcpgate::cel {
namespace {

std::string data_dir() {
  const char* root = std::getenv("MCPGATE_SOURCE_DIR");
  return std::string{root != nullptr ? root : "."} + "/tests/conformance/cel/";
}

// Exact equality for expectations: same type, maps in any order, NaN equal to NaN.
bool same(const value& a, const value& b) {
  if (a.type_of() != b.type_of()) {
    return false;
  }
  switch (a.type_of()) {
    case kind::null_type:
      return true;
    case kind::bool_type:
      return a.as_bool() == b.as_bool();
    case kind::int_type:
      return a.as_int() == b.as_int();
    case kind::uint_type:
      return a.as_uint() == b.as_uint();
    case kind::double_type:
      if (std::isnan(a.as_double()) || std::isnan(b.as_double())) {
        return std::isnan(a.as_double()) && std::isnan(b.as_double());
      }
      return a.as_double() == b.as_double() &&
             std::signbit(a.as_double()) == std::signbit(b.as_double());
    case kind::string_type:
    case kind::bytes_type:
    case kind::type_type:
      return a.as_string() == b.as_string();
    case kind::list_type:
      if (a.list_size() != b.list_size()) {
        return false;
      }
      for (std::size_t i = 0; i < a.list_size(); ++i) {
        if (!same(a.list_at(i), b.list_at(i))) {
          return false;
        }
      }
      return true;
    case kind::map_type:
      if (a.map_size() != b.map_size()) {
        return false;
      }
      for (std::size_t i = 0; i < a.map_size(); ++i) {
        bool found = false;
        for (std::size_t j = 0; j < b.map_size() && !found; ++j) {
          found =
              same(a.map_key_at(i), b.map_key_at(j)) && same(a.map_value_at(i), b.map_value_at(j));
        }
        if (!found) {
          return false;
        }
      }
      return true;
    default:
      return a.seconds() == b.seconds() && a.nanos() == b.nanos();
  }
}

struct tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  std::ostringstream failures;
};

void run_case(const boost::json::object& t, tally& out) {
  const std::string id{t.at("id").as_string()};
  if (expected_skip_reason(id) != nullptr) {
    ++out.skipped;
    return;
  }
  const std::string expr{t.at("expr").as_string()};
  options opts;
  if (const auto* c = t.if_contains("container")) {
    opts.container = std::string{c->as_string()};
  }
  // Binding names and values must outlive the activation (it borrows both).
  std::list<std::string> names;
  std::list<value> values;
  activation vars;
  for (const auto& [k, v] : t.at("bindings").as_object()) {
    names.emplace_back(k);
    values.push_back(from_tagged_json(v));
    vars.bind(names.back(), values.back());
  }
  const bool want_error = t.contains("expect_error");
  auto prog = program::compile(expr, opts);
  std::string got;
  bool ok = false;
  if (!prog) {
    // A compile-time rejection satisfies an expected error: upstream's checker rejects the
    // same expressions before evaluation.
    ok = want_error;
    got = "compile error: " + prog.error().message(expr);
  } else {
    const value result = prog->evaluate(vars);
    got = boost::json::serialize(to_tagged_json(result));
    if (want_error) {
      ok = result.is_error();
    } else {
      ok = !result.is_error() && same(result, from_tagged_json(t.at("expect")));
    }
  }
  if (ok) {
    ++out.passed;
    return;
  }
  ++out.failed;
  out.failures << "  FAIL " << id << "\n    expr: " << expr << "\n    want: "
               << (want_error ? std::string{"an error"} : boost::json::serialize(t.at("expect")))
               << "\n    got:  " << got << "\n";
}

class conformance : public ::testing::TestWithParam<const char*> {};

TEST_P(conformance, file) {
  const std::string path = data_dir() + GetParam() + ".json";
  std::ifstream in{path, std::ios::binary};
  ASSERT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  json::limits lim;
  lim.max_bytes = 16 << 20;
  auto doc = json::parse(text.str(), lim);
  ASSERT_TRUE(doc) << doc.error().message();
  tally t;
  for (const auto& section : doc->at("sections").as_array()) {
    for (const auto& test : section.at("tests").as_array()) {
      run_case(test.as_object(), t);
    }
  }
  std::cout << "[conformance] " << GetParam() << ": passed " << t.passed << ", failed " << t.failed
            << ", skipped " << t.skipped << "\n";
  EXPECT_EQ(t.failed, 0) << t.failures.str();
  EXPECT_GT(t.passed, 0);
}

INSTANTIATE_TEST_SUITE_P(cel, conformance,
                         ::testing::Values("plumbing", "basic", "logic", "comparisons", "lists",
                                           "fields", "macros", "string", "integer_math", "fp_math",
                                           "conversions", "parse", "namespace", "string_ext",
                                           "macros2", "timestamps"),
                         [](const auto& param_info) { return std::string{param_info.param}; });

}  // namespace
}  // namespace mcpgate::cel
