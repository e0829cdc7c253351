#include "config/policy_merge.hpp"

#include "config/url.hpp"

namespace mcpgate::config {

namespace {

void merge_jwt(std::optional<jwt_authentication>& into, const jwt_authentication& from) {
  if (!into) {
    into = from;
    return;
  }
  if (from.mode_explicit) {
    if (into->mode_explicit && into->mode != from.mode) {
      throw config_error{from.where, "spec.traffic.jwtAuthentication.mode",
                         std::string{"mode "} + to_string(from.mode) + " conflicts with mode " +
                             to_string(into->mode) + " at " + into->where.to_string()};
    }
    into->mode = from.mode;
    into->mode_explicit = true;
  }
  for (const auto& provider : from.providers) {
    for (const auto& existing : into->providers) {
      if (existing.issuer == provider.issuer) {
        throw config_error{provider.where, "spec.traffic.jwtAuthentication.providers",
                           "issuer \"" + provider.issuer + "\" is already configured at " +
                               existing.where.to_string()};
      }
    }
    into->providers.push_back(provider);
  }
}

}  // namespace

policy_set merge_policies(const std::vector<policy_document>& documents) {
  policy_set out;
  for (const auto& doc : documents) {
    if (doc.spec.cors) {
      if (out.cors) {
        throw config_error{doc.spec.cors->where, "spec.traffic.cors",
                           "CORS is already configured at " + out.cors->where.to_string() +
                               "; keep one cors section across all policies"};
      }
      out.cors = doc.spec.cors;
    }
    if (doc.spec.jwt) {
      merge_jwt(out.jwt, *doc.spec.jwt);
    }
    if (doc.spec.authorization) {
      out.authorizations.push_back(*doc.spec.authorization);
    }
  }
  return out;
}

void resolve_backend_refs(policy_set& policies, const backend_host_map& hosts) {
  if (!policies.jwt) {
    return;
  }
  for (auto& provider : policies.jwt->providers) {
    auto* remote = std::get_if<remote_jwks>(&provider.jwks);
    if (remote == nullptr || !remote->backend) {
      continue;
    }
    const auto& ref = *remote->backend;
    auto it = hosts.end();
    if (!ref.namespace_.empty()) {
      it = hosts.find(ref.namespace_ + "/" + ref.name);
    }
    if (it == hosts.end()) {
      it = hosts.find(ref.name);
    }
    if (it == hosts.end()) {
      throw config_error{ref.where, "jwks.remote.backendRef",
                         "backend \"" + ref.name +
                             "\" has no entry in backendHosts of the native config (outside "
                             "Kubernetes a backendRef names a host there), or use jwks.remote.url"};
    }
    std::string why;
    const auto base = parse_http_url(it->second, why);
    if (!base) {
      // backendHosts entries are validated when the native config is read; this guards callers
      // that build the map themselves.
      throw config_error{ref.where, "backendHosts." + it->first, why};
    }
    std::string url = base->scheme + "://" + base->host;
    if (base->explicit_port) {
      url += ":" + std::to_string(base->port);
    }
    std::string prefix = base->path;
    while (!prefix.empty() && prefix.back() == '/') {
      prefix.pop_back();
    }
    remote->resolved_url = url + prefix + remote->jwks_path;
  }
}

}  // namespace mcpgate::config
