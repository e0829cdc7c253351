#include "config/load.hpp"

#include "config/config_parser.hpp"
#include "config/node_reader.hpp"
#include "config/policy_merge.hpp"
#include "config/policy_parser.hpp"
#include "config/url.hpp"
#include "config/yaml_source.hpp"

#include <algorithm>

namespace mcpgate::config {

namespace {

// A document that says what it is (apiVersion or kind) is a policy; the native config does not.
bool is_typed_document(const YAML::Node& doc) {
  if (!doc.IsMap()) {
    return false;
  }
  for (const auto& entry : doc) {
    if (entry.first.IsScalar() &&
        (entry.first.Scalar() == "apiVersion" || entry.first.Scalar() == "kind")) {
      return true;
    }
  }
  return false;
}

void load_policy_files(gateway_config& cfg, const std::filesystem::path& base_dir,
                       const env_lookup& env, const load_limits& limits) {
  if (cfg.policy_files.size() > limits.max_policy_files) {
    throw config_error{{cfg.source_file},
                       "policyFiles",
                       "more than " + std::to_string(limits.max_policy_files) + " files"};
  }
  for (auto& path : cfg.policy_files) {
    if (path.is_relative() && !base_dir.empty()) {
      path = base_dir / path;
    }
    path = path.lexically_normal();
  }
  for (std::size_t i = 0; i < cfg.policy_files.size(); ++i) {
    const auto& path = cfg.policy_files[i];
    if (std::find(cfg.policy_files.begin(), cfg.policy_files.begin() + static_cast<long>(i),
                  path) != cfg.policy_files.begin() + static_cast<long>(i)) {
      throw config_error{
          {cfg.source_file}, "policyFiles", "\"" + path.string() + "\" is listed twice"};
    }
    for (auto& doc : load_policy_file(path, env, limits)) {
      cfg.policy_documents.push_back(std::move(doc));
    }
    cfg.watched_files.push_back(path);
  }
}

void finish_policies(gateway_config& cfg) {
  cfg.policy = merge_policies(cfg.policy_documents);
  resolve_backend_refs(cfg.policy, cfg.backend_hosts);
}

}  // namespace

gateway_config load_config_text(std::string_view text, const std::string& file,
                                const env_lookup& env, const load_limits& limits,
                                const std::filesystem::path& base_dir) {
  read_context ctx{file, env, limits, 0};
  const auto documents = parse_documents(text, file, limits);
  std::optional<gateway_config> cfg;
  std::vector<policy_document> embedded;
  for (const auto& doc : documents) {
    const node_reader root{doc, "", ctx};
    if (is_typed_document(doc)) {
      embedded.push_back(read_policy_document(root));
      continue;
    }
    if (cfg) {
      root.fail(
          "a second native configuration document; a file holds one, plus any number of "
          "AgentgatewayPolicy documents");
    }
    cfg = read_gateway_config(root);
  }
  if (!cfg) {
    throw config_error{{file}, "", "no native configuration document (with backends) found"};
  }
  cfg->source_file = file;
  for (auto& doc : embedded) {
    cfg->policy_documents.push_back(std::move(doc));
  }
  load_policy_files(*cfg, base_dir, env, limits);
  finish_policies(*cfg);
  return std::move(*cfg);
}

gateway_config load_config(const std::filesystem::path& path, const env_lookup& env,
                           const load_limits& limits) {
  const std::string text = read_config_file(path, limits);
  auto cfg = load_config_text(text, path.string(), env, limits, path.parent_path());
  cfg.watched_files.insert(cfg.watched_files.begin(), path.lexically_normal());
  return cfg;
}

std::vector<policy_document> load_policy_file(const std::filesystem::path& path,
                                              const env_lookup& env, const load_limits& limits) {
  const std::string text = read_config_file(path, limits);
  auto docs = parse_policy_text(text, path.string(), env, limits);
  if (docs.empty()) {
    // Empty or only comments: most likely a file caught while it is written. Applying "no
    // policy" would let every request through.
    throw config_error{{path.string()}, "", "holds no policy document"};
  }
  return docs;
}

gateway_config config_from_flags(std::string_view listen, std::string_view backend_url,
                                 const std::vector<std::filesystem::path>& policy_paths,
                                 unsigned workers, const env_lookup& env,
                                 const backend_host_map& hosts, const load_limits& limits) {
  gateway_config cfg;
  std::string why;
  const auto hp = parse_host_port(listen, true, why);
  if (!hp) {
    throw config_error{{"--listen"}, "", why};
  }
  cfg.listeners = {listener{hp->host, hp->port, {"--listen"}}};
  const auto url = parse_http_url(backend_url, why);
  if (!url) {
    throw config_error{{"--backend"}, "", why};
  }
  if (!url->query.empty()) {
    throw config_error{{"--backend"}, "", "a backend URL must not have a query"};
  }
  cfg.backends = {backend{"default", std::string{backend_url}, {"/"}, {"--backend"}}};
  cfg.workers = workers;
  for (const auto& [name, value] : hosts) {
    if (!parse_http_url(value, why)) {
      throw config_error{{"--backend-host"}, name, why};
    }
  }
  cfg.backend_hosts = hosts;
  cfg.policy_files = policy_paths;
  load_policy_files(cfg, {}, env, limits);
  finish_policies(cfg);
  return cfg;
}

}  // namespace mcpgate::config
