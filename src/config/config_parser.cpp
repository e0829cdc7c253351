#include "config/config_parser.hpp"

#include "config/policy_parser.hpp"
#include "config/url.hpp"
#include "core/ascii.hpp"

#include <cctype>
#include <limits>
#include <string_view>

namespace mcpgate::config {

namespace {

// Upper bounds that catch typos (an extra zero) rather than express policy.
constexpr std::uint64_t max_workers = 1024;
constexpr std::uint64_t max_json_depth = 1024;
constexpr std::uint64_t max_connections = 1'000'000;

// A listening address: a name, an IPv4 address or an IPv6 address with or without brackets.
bool valid_address(const std::string& address) {
  const bool bare_ipv6 = address.find(':') != std::string::npos && address.front() != '[';
  std::string why;
  return parse_host_port((bare_ipv6 ? "[" + address + "]" : address) + ":1", false, why)
      .has_value();
}

listener read_listener(const node_reader& node) {
  listener out;
  out.where = node.where();
  if (node.is_scalar()) {
    std::string why;
    auto hp = parse_host_port(node.as_string(), true, why);
    if (!hp) {
      node.fail(why);
    }
    out.address = hp->host;
    out.port = hp->port;
    return out;
  }
  node.expect_map({"address", "port"});
  if (auto v = node.get("address")) {
    out.address = v->as_nonempty_string();
    if (!valid_address(out.address)) {
      v->fail("invalid address \"" + out.address + "\"");
    }
  }
  if (auto v = node.get("port")) {
    out.port = static_cast<std::uint16_t>(v->as_uint(0, 65535));
  }
  return out;
}

std::string read_route(const node_reader& node) {
  auto route = node.as_nonempty_string();
  if (route.front() != '/') {
    node.fail("a route is a path prefix beginning with '/', got \"" + route + "\"");
  }
  for (char c : route) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '?' || c == '#' || c == 0x7f) {
      node.fail("a route must not contain spaces, control characters, '?' or '#'");
    }
  }
  return route;
}

backend read_backend(const node_reader& node) {
  node.expect_map({"name", "url", "routes"});
  backend out;
  out.where = node.where();
  out.name = node.required("name").as_nonempty_string();
  const auto url = node.required("url");
  out.url = url.as_nonempty_string();
  std::string why;
  auto parts = parse_http_url(out.url, why);
  if (!parts) {
    url.fail(why);
  }
  if (!parts->query.empty()) {
    url.fail("a backend URL must not have a query");
  }
  if (auto routes = node.get("routes")) {
    out.routes.clear();
    for (const auto& item : routes->items()) {
      out.routes.push_back(read_route(item));
    }
    if (out.routes.empty()) {
      routes->fail("needs at least one route");
    }
  }
  return out;
}

void read_backends(const node_reader& node, gateway_config& cfg) {
  cfg.backends.clear();
  for (const auto& item : node.items()) {
    auto b = read_backend(item);
    for (const auto& other : cfg.backends) {
      if (other.name == b.name) {
        item.fail("backend name \"" + b.name + "\" is already used at " + other.where.to_string());
      }
      for (const auto& route : b.routes) {
        for (const auto& taken : other.routes) {
          if (route == taken) {
            item.fail("route \"" + route + "\" is already served by backend \"" + other.name +
                      "\" at " + other.where.to_string());
          }
        }
      }
    }
    cfg.backends.push_back(std::move(b));
  }
  if (cfg.backends.empty()) {
    node.fail("needs at least one backend");
  }
}

void read_backend_hosts(const node_reader& node, gateway_config& cfg) {
  for (const auto& [name, value] : node.entries()) {
    const auto url = value.as_nonempty_string();
    std::string why;
    auto parts = parse_http_url(url, why);
    if (!parts) {
      value.fail(why);
    }
    if (!parts->query.empty()) {
      value.fail("a backend host must not have a query");
    }
    cfg.backend_hosts.emplace(name, url);
  }
}

void read_admin(const node_reader& node, admin_listener& admin) {
  node.expect_map({"enabled", "address", "port"});
  if (auto v = node.get("enabled")) {
    admin.enabled = v->as_bool();
  }
  if (auto v = node.get("address")) {
    admin.address = v->as_nonempty_string();
    if (!valid_address(admin.address)) {
      v->fail("invalid address \"" + admin.address + "\"");
    }
  }
  if (auto v = node.get("port")) {
    admin.port = static_cast<std::uint16_t>(v->as_uint(0, 65535));
  }
}

void read_size(const node_reader& parent, std::string_view key, std::size_t& into,
               std::uint64_t min) {
  if (auto v = parent.get(key)) {
    const auto size = v->as_size();
    if (size < min) {
      v->fail("must be at least " + std::to_string(min) + " bytes");
    }
    into = static_cast<std::size_t>(size);
  }
}

void read_limits(const node_reader& node, limits& lim) {
  node.expect_map({"maxHeaderBytes", "maxBodyBytes", "maxJsonDepth", "maxConnections",
                   "maxTokenBytes", "maxResponseBodyBytes", "maxSseEventBytes"});
  // The minimums keep a config from making the gateway unusable: no HTTP request fits in fewer
  // than 1 KiB of headers, no MCP initialize in fewer than 1 KiB of body.
  constexpr std::uint64_t min_bytes = 1024;
  read_size(node, "maxHeaderBytes", lim.max_header_bytes, min_bytes);
  read_size(node, "maxBodyBytes", lim.max_body_bytes, min_bytes);
  read_size(node, "maxTokenBytes", lim.max_token_bytes, min_bytes);
  read_size(node, "maxResponseBodyBytes", lim.max_response_body_bytes, min_bytes);
  read_size(node, "maxSseEventBytes", lim.max_sse_event_bytes, min_bytes);
  if (auto v = node.get("maxJsonDepth")) {
    lim.max_json_depth = v->as_uint(1, max_json_depth);
  }
  if (auto v = node.get("maxConnections")) {
    lim.max_connections = v->as_uint(1, max_connections);
  }
}

void read_timeout(const node_reader& parent, std::string_view key,
                  std::chrono::milliseconds& into) {
  if (auto v = parent.get(key)) {
    into = v->as_duration();
    if (into.count() == 0) {
      v->fail("must be greater than zero");
    }
  }
}

void read_timeouts(const node_reader& node, timeouts& t) {
  node.expect_map({"connect", "response", "idle", "headerRead"});
  read_timeout(node, "connect", t.connect);
  read_timeout(node, "response", t.response);
  read_timeout(node, "idle", t.idle);
  read_timeout(node, "headerRead", t.header_read);
}

void read_logging(const node_reader& node, logging_options& log) {
  node.expect_map({"format", "level", "accessLog"});
  if (auto v = node.get("format")) {
    log.format = v->as_enum<log_format>({{"text", log_format::text}, {"json", log_format::json}});
  }
  if (auto v = node.get("level")) {
    log.level = v->as_enum<log_level>({{"trace", log_level::trace},
                                       {"debug", log_level::debug},
                                       {"info", log_level::info},
                                       {"warn", log_level::warn},
                                       {"error", log_level::error}});
  }
  if (auto v = node.get("accessLog")) {
    log.access_log = v->as_bool();
  }
}

void read_identity(const node_reader& node, identity_assertion& id) {
  node.expect_map({"enabled", "ttl", "audience", "header", "keyFile"});
  // An assertion that outlives a few minutes stops being short-lived; see DESIGN.md.
  constexpr std::chrono::minutes max_ttl{60};
  if (auto v = node.get("enabled")) {
    id.enabled = v->as_bool();
  }
  if (auto v = node.get("ttl")) {
    id.ttl = v->as_duration();
    if (id.ttl.count() == 0 || id.ttl > max_ttl) {
      v->fail("must be greater than zero and at most 1h");
    }
  }
  if (auto v = node.get("audience")) {
    id.audience = v->as_string();
  }
  if (auto v = node.get("header")) {
    id.header = v->as_nonempty_string();
    for (char c : id.header) {
      const bool token_char =
          std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
      if (!token_char) {
        v->fail("is not a valid HTTP header name");
      }
    }
    // Fields the gateway or HTTP itself sets or reads: a second Content-Length or Host, or an
    // assertion in place of the credentials, would change what the backend reads.
    static constexpr std::string_view reserved[] = {"host",
                                                    "content-length",
                                                    "transfer-encoding",
                                                    "content-type",
                                                    "content-encoding",
                                                    "connection",
                                                    "keep-alive",
                                                    "te",
                                                    "trailer",
                                                    "upgrade",
                                                    "expect",
                                                    "authorization",
                                                    "proxy-authorization",
                                                    "proxy-connection",
                                                    "cookie",
                                                    "x-forwarded-for",
                                                    "x-forwarded-proto",
                                                    "x-forwarded-host",
                                                    "mcp-session-id",
                                                    "mcp-protocol-version"};
    for (auto r : reserved) {
      if (core::iequals(id.header, r)) {
        v->fail(
            "names a header HTTP or the gateway already uses; choose another (e.g. "
            "X-User-Identity)");
      }
    }
  }
  if (auto v = node.get("keyFile")) {
    id.key_file = v->as_string();
  }
}

void read_jwks(const node_reader& node, jwks_fetch_settings& jwks) {
  node.expect_map({"allowPlainHttpHosts"});
  if (auto v = node.get("allowPlainHttpHosts")) {
    for (const auto& item : v->items()) {
      auto host = item.as_nonempty_string();
      for (auto& c : host) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      // A host, not a URL or a pattern: the exemption must name exactly one server.
      const bool bare_ipv6 = host.find(':') != std::string::npos && host.front() != '[';
      std::string why;
      auto hp = parse_host_port((bare_ipv6 ? "[" + host + "]" : host) + ":1", false, why);
      if (host.find_first_of("/*@") != std::string::npos || !hp) {
        item.fail("expected a host name or IP address without scheme, port or wildcard, got \"" +
                  host + "\"");
      }
      // Stored as the HTTP client spells hosts: IPv6 literals without brackets.
      std::string bare = hp->host;
      if (bare.front() == '[') {
        bare = bare.substr(1, bare.size() - 2);
      }
      jwks.allow_plain_http_hosts.push_back(std::move(bare));
    }
  }
}

}  // namespace

gateway_config read_gateway_config(const node_reader& root) {
  root.expect_map({"listeners", "publicUrl", "backends", "backendHosts", "admin", "limits",
                   "timeouts", "logging", "workers", "forwardToken", "onDeny", "identity", "jwks",
                   "policyFiles", "policy"});
  gateway_config cfg;
  cfg.source_file = root.where().file;
  if (auto v = root.get("listeners")) {
    cfg.listeners.clear();
    for (const auto& item : v->items()) {
      cfg.listeners.push_back(read_listener(item));
    }
    if (cfg.listeners.empty()) {
      v->fail("needs at least one listener");
    }
  }
  if (auto v = root.get("publicUrl")) {
    cfg.public_url = v->as_nonempty_string();
    std::string why;
    auto parts = parse_http_url(cfg.public_url, why);
    if (!parts) {
      v->fail(why);
    }
    if (!parts->query.empty()) {
      v->fail("publicUrl must not have a query");
    }
    while (cfg.public_url.back() == '/') {
      cfg.public_url.pop_back();  // the metadata path is appended to it
    }
  }
  read_backends(root.required("backends"), cfg);
  if (auto v = root.get("backendHosts")) {
    read_backend_hosts(*v, cfg);
  }
  if (auto v = root.get("admin")) {
    read_admin(*v, cfg.admin);
  }
  if (auto v = root.get("limits")) {
    read_limits(*v, cfg.limits);
  }
  if (auto v = root.get("timeouts")) {
    read_timeouts(*v, cfg.timeouts);
  }
  if (auto v = root.get("logging")) {
    read_logging(*v, cfg.logging);
  }
  if (auto v = root.get("workers")) {
    cfg.workers = static_cast<unsigned>(v->as_uint(0, max_workers));
  }
  if (auto v = root.get("forwardToken")) {
    cfg.forward_token = v->as_bool();
  }
  if (auto v = root.get("onDeny")) {
    cfg.on_deny = v->as_enum<on_deny>({{"unknownTool", on_deny::unknown_tool},
                                       {"unknown_tool", on_deny::unknown_tool},
                                       {"forbidden", on_deny::forbidden}});
  }
  if (auto v = root.get("identity")) {
    read_identity(*v, cfg.identity);
  }
  if (auto v = root.get("jwks")) {
    read_jwks(*v, cfg.jwks);
  }
  if (auto v = root.get("policyFiles")) {
    for (const auto& item : v->items()) {
      cfg.policy_files.emplace_back(item.as_nonempty_string());
    }
  }
  if (auto v = root.get("policy")) {
    policy_document doc;
    doc.where = v->where();
    doc.spec = read_policy_spec(*v);
    cfg.policy_documents.push_back(std::move(doc));
  }
  return cfg;
}

const char* to_string(log_format f) noexcept {
  return f == log_format::json ? "json" : "text";
}

const char* to_string(log_level l) noexcept {
  switch (l) {
    case log_level::trace:
      return "trace";
    case log_level::debug:
      return "debug";
    case log_level::info:
      return "info";
    case log_level::warn:
      return "warn";
    case log_level::error:
      return "error";
  }
  return "info";
}

const char* to_string(on_deny d) noexcept {
  return d == on_deny::forbidden ? "forbidden" : "unknownTool";
}

}  // namespace mcpgate::config
