// `mcpgate token`: an OAuth client for the command line. `device` runs the device authorization
// grant (RFC 8628) and `client-credentials` the client credentials grant against any issuer
// (Auth0, the development issuer, a certified provider); `mint` signs a token locally with the
// development issuer's key. Only the access token goes to stdout, so TOKEN=$(mcpgate token …)
// works; everything a person reads goes to stderr.

#include "cli/commands.hpp"
#include "http/client.hpp"
#include "issuer/access_token.hpp"
#include "issuer/form.hpp"
#include "issuer/random.hpp"
#include "issuer/scope.hpp"
#include "issuer/users.hpp"
#include "jose/key_file.hpp"
#include "jose/signer.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mcpgate::cli {

namespace {

namespace bj = boost::json;
using params = std::vector<std::pair<std::string, std::string>>;

// RFC 8628 §3.5: each slow_down adds 5 seconds to the polling interval.
constexpr std::chrono::seconds slow_down_step{5};
// §3.2: "If no value is provided, clients MUST use 5 as the default."
constexpr std::chrono::seconds default_interval{5};
// When the device authorization response has no expires_in (it is required, but be robust).
constexpr std::chrono::seconds default_device_lifetime{600};
constexpr std::size_t max_key_file_bytes = 64 * 1024;

// One line on stderr and exit status 1: how every failure of `mcpgate token` ends.
struct token_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct oauth_client_options {
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string audience;
  std::string resource;
  std::string scope;
  std::string auth_method = "post";
  unsigned timeout = 30;
};

struct mint_options {
  std::string key_file;
  std::string kid = "mcpgate-dev";
  std::string issuer;
  std::string audience = "https://mcp-oauth-demo";
  std::string user;
  std::string sub;
  std::optional<std::string> scope;
  std::vector<std::string> roles;
  unsigned ttl = 3600;
  std::string claims;
};

// "tenant.us.auth0.com" → "https://tenant.us.auth0.com"; trailing slashes dropped.
std::string issuer_base(std::string issuer) {
  if (issuer.find("://") == std::string::npos) {
    issuer = "https://" + issuer;
  }
  while (!issuer.empty() && issuer.back() == '/') {
    issuer.pop_back();
  }
  return issuer;
}

http::fetch_options fetch_opts(const oauth_client_options& o) {
  http::fetch_options f;
  f.headers.emplace_back("Accept", "application/json");
  f.limits.response_timeout = std::chrono::seconds{o.timeout};
  f.limits.body_timeout = std::chrono::seconds{o.timeout};
  f.limits.max_body_bytes = 1 << 20;
  return f;
}

struct json_answer {
  unsigned status = 0;
  bj::object body;  // empty when the body was not a JSON object
};

json_answer fetch_json(const std::string& url, const http::fetch_options& f) {
  auto res = http::fetch(url, f);
  if (!res) {
    throw token_error("cannot reach " + url + ": " + res.error().message());
  }
  json_answer out;
  out.status = res->result_int();
  if (auto doc = json::parse(res->body()); doc && doc->is_object()) {
    out.body = std::move(doc->as_object());
  }
  return out;
}

std::string string_member(const bj::object& o, std::string_view key) {
  const auto* s = json::find_string(o, key);
  return s == nullptr ? std::string{} : std::string{json::view(*s)};
}

// "invalid_client: Client authentication failed (HTTP 401)".
std::string describe_error(const json_answer& a) {
  std::string err = string_member(a.body, "error");
  if (err.empty()) {
    return "HTTP " + std::to_string(a.status) + " without an OAuth error body";
  }
  const std::string desc = string_member(a.body, "error_description");
  return err + (desc.empty() ? "" : ": " + desc) + " (HTTP " + std::to_string(a.status) + ")";
}

struct endpoints {
  std::string token;
  std::string device;
};

// OpenID discovery, then RFC 8414, then Auth0's fixed paths.
endpoints discover(const oauth_client_options& o) {
  const std::string base = issuer_base(o.issuer);
  for (const char* well_known :
       {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
    auto res = http::fetch(base + well_known, fetch_opts(o));
    if (!res) {
      throw token_error("cannot reach " + base + well_known + ": " + res.error().message());
    }
    if (res->result_int() != 200) {
      continue;
    }
    auto doc = json::parse(res->body());
    if (!doc || !doc->is_object()) {
      continue;
    }
    endpoints e;
    e.token = string_member(doc->as_object(), "token_endpoint");
    e.device = string_member(doc->as_object(), "device_authorization_endpoint");
    if (!e.token.empty()) {
      return e;
    }
  }
  return {base + "/oauth/token", base + "/oauth/device/code"};
}

// Form parameters shared by both grants: client authentication, audience/resource, scope.
params client_params(const oauth_client_options& o, http::fetch_options& f) {
  params p;
  if (!o.client_secret.empty() && o.auth_method == "basic") {
    f.headers.emplace_back("Authorization",
                           issuer::basic_credentials(o.client_id, o.client_secret));
  } else {
    p.emplace_back("client_id", o.client_id);
    if (!o.client_secret.empty()) {
      p.emplace_back("client_secret", o.client_secret);
    }
  }
  if (!o.audience.empty()) {
    p.emplace_back("audience", o.audience);
  }
  if (!o.resource.empty()) {
    p.emplace_back("resource", o.resource);
  }
  if (!o.scope.empty()) {
    p.emplace_back("scope", o.scope);
  }
  return p;
}

json_answer post_form(const std::string& url, const params& p, http::fetch_options f) {
  f.method = http::verb::post;
  f.content_type = "application/x-www-form-urlencoded";
  f.body = issuer::encode_form(p);
  return fetch_json(url, f);
}

std::string access_token_of(const json_answer& a, const std::string& url) {
  std::string token = string_member(a.body, "access_token");
  if (token.empty()) {
    throw token_error("the token endpoint " + url + " answered without an access_token");
  }
  return token;
}

std::chrono::seconds seconds_member(const bj::object& o, std::string_view key,
                                    std::chrono::seconds fallback) {
  const auto v = json::find_int64(o, key);
  return v && *v > 0 ? std::chrono::seconds{*v} : fallback;
}

std::string run_device(const oauth_client_options& o) {
  const endpoints e = discover(o);
  http::fetch_options f = fetch_opts(o);
  params start = client_params(o, f);
  const json_answer d = post_form(e.device, start, f);
  if (d.status != 200) {
    throw token_error("device authorization at " + e.device + " failed: " + describe_error(d));
  }
  const std::string device_code = string_member(d.body, "device_code");
  const std::string user_code = string_member(d.body, "user_code");
  const std::string uri = string_member(d.body, "verification_uri");
  if (device_code.empty() || user_code.empty() || uri.empty()) {
    throw token_error("device authorization at " + e.device +
                      " answered without device_code, user_code or verification_uri");
  }
  std::chrono::seconds interval = seconds_member(d.body, "interval", default_interval);
  const auto deadline = std::chrono::steady_clock::now() +
                        seconds_member(d.body, "expires_in", default_device_lifetime);

  std::cerr << "To sign in, open " << uri << " and enter the code " << user_code << "\n";
  if (const std::string complete = string_member(d.body, "verification_uri_complete");
      !complete.empty()) {
    std::cerr << "or open " << complete << "\n";
  }
  std::cerr << "Waiting for approval..." << std::endl;

  params poll = client_params(o, f);
  std::erase_if(poll, [](const auto& p) {
    return p.first == "scope" || p.first == "audience" || p.first == "resource";
  });
  poll.emplace_back("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
  poll.emplace_back("device_code", device_code);
  while (true) {
    std::this_thread::sleep_for(interval);
    if (std::chrono::steady_clock::now() >= deadline) {
      throw token_error("the device code expired before it was approved");
    }
    const json_answer t = post_form(e.token, poll, f);
    if (t.status == 200) {
      std::cerr << "Approved." << std::endl;
      return access_token_of(t, e.token);
    }
    const std::string err = string_member(t.body, "error");
    if (err == "authorization_pending") {
      continue;
    }
    if (err == "slow_down") {
      interval += slow_down_step;
      continue;
    }
    if (err == "expired_token") {
      throw token_error("the device code expired before it was approved");
    }
    if (err == "access_denied") {
      throw token_error("the request was denied");
    }
    throw token_error("token request at " + e.token + " failed: " + describe_error(t));
  }
}

std::string run_client_credentials(const oauth_client_options& o) {
  const endpoints e = discover(o);
  http::fetch_options f = fetch_opts(o);
  params p = client_params(o, f);
  p.emplace_back("grant_type", "client_credentials");
  const json_answer t = post_form(e.token, p, f);
  if (t.status != 200) {
    throw token_error("token request at " + e.token + " failed: " + describe_error(t));
  }
  return access_token_of(t, e.token);
}

std::string run_mint(const mint_options& o) {
  auto pem = jose::read_small_file(o.key_file, max_key_file_bytes);
  if (!pem) {
    throw token_error("cannot read --key " + o.key_file + ": " + pem.error().message());
  }
  auto key = jose::signing_key::from_pem(*pem, o.kid);
  if (!key) {
    throw token_error("--key " + o.key_file +
                      " is not a usable private key: " + key.error().message());
  }
  issuer::token_subject s;
  s.audience = o.audience;
  s.client_id = "mcpgate-token-mint";
  issuer::scope_list requested;
  if (o.scope && !issuer::parse_scope(*o.scope, requested)) {
    throw token_error("--scope holds a character scopes may not");
  }
  if (!o.user.empty()) {
    const auto users = issuer::default_demo_users();
    const auto* u = issuer::find_user(users, o.user);
    if (u == nullptr) {
      throw token_error("unknown demo user '" + o.user + "' (admin, reader, basic)");
    }
    s.sub = u->subject;
    s.roles = u->roles;
    s.scope = issuer::grant_scope(o.scope ? requested : u->scopes, u->scopes);
  } else {
    s.sub = o.sub;
    s.roles = o.roles;
    // Chosen claims: what was asked for is what is granted.
    s.scope = issuer::grant_scope(requested, requested);
  }
  if (!o.sub.empty()) {
    s.sub = o.sub;
  }
  if (!o.roles.empty()) {
    s.roles = o.roles;
  }
  if (s.sub.empty()) {
    throw token_error("give --user or --sub");
  }
  std::string issuer_id = o.issuer;
  if (issuer_id.find("://") == std::string::npos) {
    issuer_id = "https://" + issuer_id;
  }
  if (issuer_id.back() != '/') {
    issuer_id += '/';  // Auth0-shaped issuers end with a slash, as the dev issuer's do
  }
  issuer::system_random rnd;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  bj::object claims = issuer::access_token_claims(issuer_id, s, now, std::chrono::seconds{o.ttl},
                                                  issuer::random_token(rnd, issuer::jti_bytes));
  if (!o.claims.empty()) {
    auto extra = json::parse(o.claims);
    if (!extra || !extra->is_object()) {
      throw token_error("--claims must be a JSON object");
    }
    for (auto& [k, v] : extra->as_object()) {
      claims[k] = v;
    }
  }
  auto token = issuer::sign_access_token(claims, *key);
  if (!token) {
    throw token_error("signing failed: " + token.error().message());
  }
  return std::move(*token);
}

// Runs one subcommand: the token on stdout, a failure as one line on stderr.
template <class F>
int print_token(F&& produce) {
  try {
    std::cout << produce() << std::endl;
    return 0;
  } catch (const token_error& e) {
    std::cerr << "mcpgate token: " << e.what() << std::endl;
    return 1;
  }
}

void add_client_options(CLI::App* cmd, oauth_client_options& o, bool secret_required) {
  cmd->add_option("--issuer", o.issuer,
                  "Issuer URL or Auth0 domain, e.g. https://tenant.us.auth0.com/")
      ->required();
  cmd->add_option("--client-id", o.client_id, "OAuth client id")->required();
  auto* secret = cmd->add_option("--client-secret", o.client_secret, "OAuth client secret")
                     ->envname("MCPGATE_CLIENT_SECRET");
  if (secret_required) {
    secret->required();
  }
  cmd->add_option("--auth-method", o.auth_method,
                  "How the secret is sent: post (in the body, Auth0's default) or basic")
      ->check(CLI::IsMember({"post", "basic"}))
      ->capture_default_str();
  cmd->add_option("--audience", o.audience, "Auth0-style audience (the API identifier)");
  cmd->add_option("--resource", o.resource, "RFC 8707 resource indicator");
  cmd->add_option("--scope", o.scope, "Space-separated scopes");
  cmd->add_option("--timeout", o.timeout, "Seconds to wait for each HTTP response")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
}

}  // namespace

void register_token(CLI::App& app, action& chosen) {
  CLI::App* token = app.add_subcommand("token",
                                       "Get an access token: device flow, client "
                                       "credentials, or minted with the dev key");
  token->require_subcommand(1);

  auto dev = std::make_shared<oauth_client_options>();
  CLI::App* device = token->add_subcommand("device",
                                           "Device authorization grant (RFC 8628): approve in a "
                                           "browser, the token is printed on stdout");
  add_client_options(device, *dev, false);
  device->callback(
      [&chosen, dev] { chosen = [dev] { return print_token([&] { return run_device(*dev); }); }; });

  auto cc = std::make_shared<oauth_client_options>();
  CLI::App* credentials =
      token->add_subcommand("client-credentials", "Client credentials grant (RFC 6749 §4.4)");
  add_client_options(credentials, *cc, true);
  credentials->callback([&chosen, cc] {
    chosen = [cc] { return print_token([&] { return run_client_credentials(*cc); }); };
  });

  auto m = std::make_shared<mint_options>();
  CLI::App* mint = token->add_subcommand(
      "mint",
      "Sign a token locally with the development issuer's key (`mcpgate issuer "
      "--write-key`), for a demo user or with chosen claims");
  mint->add_option("--key", m->key_file, "PEM private key")->required();
  mint->add_option("--kid", m->kid, "Key id for the header")->capture_default_str();
  mint->add_option("--issuer", m->issuer, "iss (a trailing / is added)")->required();
  mint->add_option("--audience", m->audience, "aud")->capture_default_str();
  mint->add_option("--user", m->user, "Demo user: admin, reader or basic")
      ->check(CLI::IsMember({"admin", "reader", "basic"}));
  mint->add_option("--sub", m->sub, "sub (overrides the demo user's)");
  mint->add_option("--scope", m->scope, "Space-separated scopes (with --user: narrows theirs)");
  mint->add_option("--roles", m->roles, "Roles for https://mcp-demo/roles (override the user's)")
      ->delimiter(',');
  mint->add_option("--ttl", m->ttl, "Lifetime in seconds")->capture_default_str();
  mint->add_option("--claims", m->claims, "A JSON object of extra claims (they win)");
  mint->callback(
      [&chosen, m] { chosen = [m] { return print_token([&] { return run_mint(*m); }); }; });
}

}  // namespace mcpgate::cli
