#include "gateway/forward.hpp"
#include "core/ascii.hpp"

#include <boost/beast/http/fields.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace mcpgate::gateway {

using core::iequals;

namespace {

// Field names listed by the Connection header(s), also hop-by-hop: lower case, sorted, unique,
// so each field is looked up in log time (a header of thousands of tokens and fields must not
// cost their product).
std::vector<std::string> connection_options(const http::request& in) {
  std::vector<std::string> out;
  for (const auto& f : in) {
    if (f.name() == http::field::connection) {
      core::for_each_list_element(
          {f.value().data(), f.value().size()},
          [&out](std::string_view token) { out.push_back(core::ascii_lowered(token)); });
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

bool is_hop_by_hop(http::field f) noexcept {
  switch (f) {
    case http::field::connection:
    case http::field::keep_alive:
    case http::field::proxy_connection:
    case http::field::te:
    case http::field::trailer:
    case http::field::transfer_encoding:
    case http::field::upgrade:
    case http::field::proxy_authorization:
    case http::field::proxy_authenticate:
      return true;
    default:
      return false;
  }
}

namespace {

// What happens to a client's field on its way upstream.
enum class disposition { copy, drop, forwarded_for };

disposition disposition_of(http::field f, std::string_view name,
                           const forward_options& options) noexcept {
  // Ours to set, whatever enum a Beast version gives these names: a client's identity assertion
  // (under either name) is forged, and its X-Forwarded-Proto/Host would be replaced anyway.
  if (iequals(name, options.identity_field) || iequals(name, identity_header) ||
      iequals(name, "x-forwarded-proto") || iequals(name, "x-forwarded-host")) {
    return disposition::drop;
  }
  if (iequals(name, "x-forwarded-for")) {
    return disposition::forwarded_for;
  }
  switch (f) {
    // Framing and Host are the client's own; Expect too: the body is already here, and an
    // interim 100 is the gateway's to send.
    case http::field::content_length:
    case http::field::host:
    case http::field::expect:
    // The gateway reads list responses and event streams: they must come uncompressed
    // (Accept-Encoding: identity is sent instead).
    case http::field::accept_encoding:
      return disposition::drop;
    case http::field::authorization:
      return options.forward_token ? disposition::copy : disposition::drop;
    default:
      return is_hop_by_hop(f) ? disposition::drop : disposition::copy;
  }
}

}  // namespace

http::request make_upstream_request(http::request& in, const forward_options& options) {
  http::request out;
  out.method(in.method());
  out.target(in.target());
  out.version(11);
  const auto listed = connection_options(in);
  std::string forwarded_for;
  for (const auto& f : in) {
    const std::string_view name{f.name_string().data(), f.name_string().size()};
    const auto what = disposition_of(f.name(), name, options);
    if (what == disposition::drop ||
        (!listed.empty() &&
         std::binary_search(listed.begin(), listed.end(), core::ascii_lowered(name)))) {
      continue;
    }
    if (what == disposition::forwarded_for) {
      if (!forwarded_for.empty()) {
        forwarded_for += ", ";
      }
      forwarded_for.append(f.value().data(), f.value().size());
      continue;
    }
    out.insert(f.name(), f.name_string(), f.value());  // the parser already named the field
  }
  if (!options.client_address.empty()) {
    if (!forwarded_for.empty()) {
      forwarded_for += ", ";
    }
    forwarded_for.append(options.client_address);
  }
  // None of these is left from the client (see disposition_of): inserted, not set, so without an
  // erase by name first.
  if (!forwarded_for.empty()) {
    out.insert("X-Forwarded-For", forwarded_for);
  }
  out.insert(http::field::accept_encoding, "identity");
  out.insert("X-Forwarded-Proto", options.proto);
  if (const auto* host = http::first_of(in, http::field::host)) {
    out.insert("X-Forwarded-Host", host->value());
  }
  if (!options.identity.empty()) {
    out.insert(options.identity_field, options.identity);
  }
  out.body() = std::move(in.body());
  out.prepare_payload();
  return out;
}

void copy_end_to_end_fields(const boost::beast::http::fields& upstream, http::stream_header& out) {
  for (const auto& f : upstream) {
    if (is_hop_by_hop(f.name()) || f.name() == http::field::content_length) {
      continue;
    }
    out.insert(f.name(), f.name_string(), f.value());
  }
}

}  // namespace mcpgate::gateway
