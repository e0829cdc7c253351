#pragma once

#include "issuer/users.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpgate::issuer {

// The few HTML pages a person sees. Every value is escaped; no script, no external resources.

std::string html_escape(std::string_view text);

// "Enter the code shown on your device", with an optional error line and a prefilled code.
std::string device_entry_page(std::string_view error, std::string_view prefill);

// The code matched: who signs in (one button per demo user) or deny.
std::string device_choice_page(std::string_view user_code, std::string_view client,
                               std::string_view scope, const std::vector<demo_user>& users);

// After the decision: "Device approved" or "Request denied".
std::string device_done_page(bool approved, std::string_view user);

// /authorize: which demo user signs in to `client`; the request travels in hidden fields.
std::string authorize_page(std::string_view client,
                           const std::vector<std::pair<std::string, std::string>>& hidden,
                           const std::vector<demo_user>& users);

// An error a person reads (never redirected: the redirect URI could not be trusted).
std::string error_page(std::string_view title, std::string_view message);

}  // namespace mcpgate::issuer
