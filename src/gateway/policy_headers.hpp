#pragma once

#include "cel/value.hpp"

#include <boost/beast/http/fields.hpp>

#include <span>
#include <string>
#include <vector>

namespace mcpgate::gateway {

// `request.headers` for the policy (docs/policy.md): each field once, its name in lower case, the
// values of a repeated field joined with ", " in the order they came (RFC 9110 §5.3). The entries
// view this object and the fields; keep both alive while they are used. Built only when a rule
// reads the headers (snapshot::rules_read_headers).
class policy_headers {
 public:
  explicit policy_headers(const boost::beast::http::fields& h);
  policy_headers(const policy_headers&) = delete;
  policy_headers& operator=(const policy_headers&) = delete;

  std::span<const cel::borrowed_entry> entries() const noexcept { return entries_; }

 private:
  std::vector<std::string> names_;   // lower case, one per field (reserved: views stay put)
  std::vector<std::string> joined_;  // values of repeated fields (reserved likewise)
  std::vector<cel::borrowed_entry> entries_;
};

}  // namespace mcpgate::gateway
