#include "gateway/resource_metadata.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace mcpgate::gateway {

namespace bj = boost::json;

namespace {

constexpr std::string_view well_known = "/.well-known/oauth-protected-resource";

// A quoted-string (RFC 9110 §5.6.4) with '"' and '\' escaped and control characters dropped.
void append_quoted(std::string& out, std::string_view value) {
  out += '"';
  for (const char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
}

}  // namespace

std::string metadata_path(std::string_view resource_path) {
  std::string out{well_known};
  if (resource_path != "/") {
    out.append(resource_path);
  }
  return out;
}

std::string protected_resource::resource() const {
  return public_url + path;
}

std::string protected_resource::metadata_url() const {
  return public_url + metadata_path(path);
}

std::string protected_resource::document() const {
  bj::object doc;
  doc["resource"] = resource();
  bj::array servers;
  for (const auto& s : authorization_servers) {
    servers.emplace_back(s);
  }
  doc["authorization_servers"] = std::move(servers);
  doc["bearer_methods_supported"] = bj::array{"header"};
  if (!scopes_supported.empty()) {
    bj::array scopes;
    for (const auto& s : scopes_supported) {
      scopes.emplace_back(s);
    }
    doc["scopes_supported"] = std::move(scopes);
  }
  if (!resource_name.empty()) {
    doc["resource_name"] = resource_name;
  }
  return bj::serialize(doc);
}

std::string bearer_challenge(std::string_view metadata_url, std::string_view error,
                             std::string_view description, std::string_view scope) {
  std::string out = "Bearer resource_metadata=";
  append_quoted(out, metadata_url);
  if (!error.empty()) {
    out += ", error=";
    append_quoted(out, error);
  }
  if (!description.empty()) {
    out += ", error_description=";
    append_quoted(out, description);
  }
  if (!scope.empty()) {
    out += ", scope=";
    append_quoted(out, scope);
  }
  return out;
}

}  // namespace mcpgate::gateway
