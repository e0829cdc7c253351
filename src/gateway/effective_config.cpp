#include "gateway/effective_config.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace mcpgate::gateway {

namespace bj = boost::json;

namespace {

bj::array strings(const std::vector<std::string>& v) {
  bj::array out;
  for (const auto& s : v) {
    out.emplace_back(s);
  }
  return out;
}

double seconds(std::chrono::milliseconds ms) {
  return static_cast<double>(ms.count()) / 1000.0;
}

}  // namespace

std::string effective_config_json(const snapshot& s) {
  const auto& c = *s.config;
  bj::object o;
  o["generation"] = s.generation;
  o["source"] = c.source_file;
  bj::array listeners;
  for (const auto& l : c.listeners) {
    listeners.push_back(bj::object{{"address", l.address}, {"port", l.port}});
  }
  o["listeners"] = std::move(listeners);
  o["publicUrl"] = c.public_url;
  bj::array backends;
  for (const auto& b : c.backends) {
    backends.push_back(bj::object{{"name", b.name}, {"url", b.url}, {"routes", strings(b.routes)}});
  }
  o["backends"] = std::move(backends);
  o["admin"] = bj::object{
      {"enabled", c.admin.enabled}, {"address", c.admin.address}, {"port", c.admin.port}};
  o["limits"] = bj::object{{"maxHeaderBytes", c.limits.max_header_bytes},
                           {"maxBodyBytes", c.limits.max_body_bytes},
                           {"maxJsonDepth", c.limits.max_json_depth},
                           {"maxConnections", c.limits.max_connections},
                           {"maxTokenBytes", c.limits.max_token_bytes},
                           {"maxResponseBodyBytes", c.limits.max_response_body_bytes},
                           {"maxSseEventBytes", c.limits.max_sse_event_bytes}};
  o["timeouts"] = bj::object{{"connectSeconds", seconds(c.timeouts.connect)},
                             {"responseSeconds", seconds(c.timeouts.response)},
                             {"idleSeconds", seconds(c.timeouts.idle)},
                             {"headerReadSeconds", seconds(c.timeouts.header_read)}};
  o["workers"] = c.workers;
  o["forwardToken"] = c.forward_token;
  o["onDeny"] = config::to_string(c.on_deny);
  o["identity"] = bj::object{{"enabled", c.identity.enabled},
                             {"ttlSeconds", seconds(c.identity.ttl)},
                             {"audience", c.identity.audience},
                             {"header", c.identity.header},
                             {"key", c.identity.key_file.empty() ? "generated" : "file"}};
  o["jwks"] = bj::object{{"allowPlainHttpHosts", strings(c.jwks.allow_plain_http_hosts)}};
  bj::object policy;
  if (const auto& cors = c.policy.cors) {
    policy["cors"] = bj::object{{"allowOrigins", strings(cors->allow_origins)},
                                {"allowMethods", strings(cors->allow_methods)},
                                {"allowHeaders", strings(cors->allow_headers)},
                                {"exposeHeaders", strings(cors->expose_headers)},
                                {"allowCredentials", cors->allow_credentials}};
  }
  if (s.authentication) {
    bj::array providers;
    for (const auto& p : s.providers) {
      providers.push_back(bj::object{{"issuer", p.issuer},
                                     {"audiences", strings(p.options.claims.audiences)},
                                     {"jwks", p.keys->describe()},
                                     {"ready", p.keys->ready()}});
    }
    policy["jwtAuthentication"] =
        bj::object{{"mode", config::to_string(s.mode)}, {"providers", std::move(providers)}};
  }
  bj::array rules;
  for (const auto& r : s.rules.rules()) {
    rules.push_back(bj::object{{"action", config::to_string(r.action)},
                               {"expression", r.program.source()},
                               {"where", r.where}});
  }
  policy["rules"] = std::move(rules);
  o["policy"] = std::move(policy);
  bj::array files;
  for (const auto& f : c.watched_files) {
    files.emplace_back(f.string());
  }
  o["watchedFiles"] = std::move(files);
  return bj::serialize(o);
}

}  // namespace mcpgate::gateway
