#include "gateway/snapshot.hpp"

#include "config/error.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace mcpgate::gateway {

const route* snapshot::match(std::string_view path) const noexcept {
  for (const auto& r : routes) {
    if (r.prefix == "/") {
      return &r;
    }
    if (path.substr(0, r.prefix.size()) == r.prefix &&
        (path.size() == r.prefix.size() || path[r.prefix.size()] == '/')) {
      return &r;
    }
  }
  return nullptr;
}

std::shared_ptr<const snapshot> build_snapshot(std::shared_ptr<const config::gateway_config> config,
                                               std::uint64_t generation,
                                               const key_source_factory& key_sources) {
  auto s = std::make_shared<snapshot>();
  s->generation = generation;
  const auto& policy = config->policy;
  if (policy.cors) {
    s->cors.emplace(*policy.cors);
  }
  if (policy.jwt) {
    s->authentication = true;
    s->mode = policy.jwt->mode;
    for (const auto& p : policy.jwt->providers) {
      provider out;
      out.issuer = p.issuer;
      out.options.claims.issuer = p.issuer;
      out.options.claims.audiences = p.audiences;
      if (p.audiences.empty()) {
        // A token must be meant for this API: with no audience to match, none is.
        spdlog::warn("provider {} has no audiences: it accepts no token", p.issuer);
      }
      out.options.limits.max_token_bytes = config->limits.max_token_bytes;
      out.keys = key_sources(p);
      s->providers.push_back(std::move(out));
      s->authorization_servers.push_back(p.issuer);
    }
  }
  s->rules = authorizer::compile(policy.authorizations);
  s->rules_read_headers =
      std::any_of(s->rules.rules().begin(), s->rules.rules().end(),
                  [](const rule& r) { return r.program.references("request.headers"); });
  for (const auto& b : config->backends) {
    auto upstream = http::parse_url(b.url);
    if (!upstream) {
      throw config::config_error(b.where, "backends.url",
                                 "invalid URL \"" + b.url + "\": " + upstream.error().message());
    }
    std::string base = upstream->target.substr(0, upstream->target.find('?'));
    while (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    for (const auto& prefix : b.routes) {
      std::string p = prefix;
      while (p.size() > 1 && p.back() == '/') {
        p.pop_back();
      }
      s->routes.push_back(route{p, b.name, *upstream, base, upstream->origin()});
    }
  }
  std::stable_sort(s->routes.begin(), s->routes.end(), [](const route& a, const route& b) {
    return a.prefix.size() > b.prefix.size();
  });
  s->config = std::move(config);
  return s;
}

}  // namespace mcpgate::gateway
