#include "issuer/clients.hpp"
#include "issuer/url_text.hpp"

#include "json/access.hpp"

#include <openssl/crypto.h>
#include <boost/url/parse.hpp>

#include <algorithm>

namespace mcpgate::issuer {

namespace bj = boost::json;

namespace {

constexpr std::size_t client_id_bytes = 16;
constexpr std::size_t client_secret_bytes = 32;

bool is_loopback_host(std::string_view host) noexcept {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

oauth_result<std::vector<std::string>> string_array(const bj::object& meta, std::string_view key,
                                                    std::size_t max_items, std::size_t max_bytes) {
  std::vector<std::string> out;
  const auto* it = meta.if_contains(key);
  if (it == nullptr) {
    return out;
  }
  const auto* arr = it->if_array();
  if (arr == nullptr || arr->size() > max_items) {
    return fail(errc::invalid_client_metadata, std::string{key} + " must be an array of at most " +
                                                   std::to_string(max_items) + " strings");
  }
  for (const auto& v : *arr) {
    const auto* s = v.if_string();
    if (s == nullptr || s->size() > max_bytes) {
      return fail(errc::invalid_client_metadata, std::string{key} + " must hold strings");
    }
    out.emplace_back(s->data(), s->size());
  }
  return out;
}

}  // namespace

std::string_view auth_method_name(auth_method m) noexcept {
  switch (m) {
    case auth_method::none:
      return "none";
    case auth_method::client_secret_basic:
      return "client_secret_basic";
    case auth_method::client_secret_post:
      return "client_secret_post";
  }
  return "none";
}

bool client::allows_grant(std::string_view grant) const noexcept {
  return std::find(grant_types.begin(), grant_types.end(), grant) != grant_types.end();
}

bool client::has_redirect_uri(std::string_view uri) const noexcept {
  return std::find(redirect_uris.begin(), redirect_uris.end(), uri) != redirect_uris.end();
}

std::vector<client> default_clients() {
  client cli;
  cli.id = "mcpgate-cli";
  cli.name = "mcpgate token (development)";
  cli.method = auth_method::none;
  cli.grant_types = {std::string{grant_device_code}, std::string{grant_authorization_code},
                     std::string{grant_refresh_token}};
  // The MCP Inspector's callback pages, so the Inspector can use this client without registering.
  cli.redirect_uris = {"http://localhost:6274/oauth/callback",
                       "http://localhost:6274/oauth/callback/debug"};
  client service;
  service.id = "mcpgate-service";
  service.name = "service account (development)";
  service.secret = "mcpgate-dev-secret";
  service.method = auth_method::client_secret_post;
  service.grant_types = {std::string{grant_client_credentials}};
  return {cli, service};
}

bool valid_redirect_uri(std::string_view uri, std::size_t max_bytes) {
  if (uri.size() > max_bytes) {
    return false;
  }
  const auto parsed = boost::urls::parse_absolute_uri(url_view_of(uri));
  if (!parsed || parsed->has_fragment()) {
    return false;
  }
  const std::string_view scheme = parsed->scheme();
  if (scheme == "https") {
    return !parsed->encoded_host().empty();
  }
  if (scheme == "http") {
    // encoded_host() keeps the brackets of an IPv6 literal: "[::1]".
    return is_loopback_host(parsed->encoded_host());
  }
  // Private-use schemes are reverse domain names (RFC 8252 §7.1); a bare "javascript:" or
  // "data:" has no dot.
  return scheme.find('.') != std::string_view::npos;
}

oauth_result<client> register_client(const bj::object& meta, random_source& rnd, std::int64_t now,
                                     const registration_limits& lim) {
  client c;
  c.issued_at = now;

  auto uris = string_array(meta, "redirect_uris", lim.max_redirect_uris, lim.max_uri_bytes);
  if (!uris) {
    return fail(errc::invalid_redirect_uri, uris.error().description);
  }
  for (const auto& u : *uris) {
    if (!valid_redirect_uri(u, lim.max_uri_bytes)) {
      return fail(errc::invalid_redirect_uri,
                  "redirect URI \"" + u +
                      "\" must be https, http on a loopback host, or a private-use scheme, "
                      "without a fragment");
    }
  }
  c.redirect_uris = std::move(*uris);

  c.method = auth_method::client_secret_basic;
  if (const auto* it = meta.if_contains("token_endpoint_auth_method")) {
    const auto* m = it->if_string();
    if (m == nullptr) {
      return fail(errc::invalid_client_metadata, "token_endpoint_auth_method must be a string");
    }
    if (*m == "none") {
      c.method = auth_method::none;
    } else if (*m == "client_secret_basic") {
      c.method = auth_method::client_secret_basic;
    } else if (*m == "client_secret_post") {
      c.method = auth_method::client_secret_post;
    } else {
      return fail(errc::invalid_client_metadata,
                  "token_endpoint_auth_method must be none, client_secret_basic or "
                  "client_secret_post");
    }
  }

  auto grants = string_array(meta, "grant_types", 8, 128);
  if (!grants) {
    return grants.error();
  }
  c.grant_types = grants->empty() ? std::vector<std::string>{std::string{grant_authorization_code}}
                                  : std::move(*grants);
  for (const auto& g : c.grant_types) {
    if (g != grant_authorization_code && g != grant_refresh_token &&
        g != grant_client_credentials && g != grant_device_code) {
      return fail(errc::invalid_client_metadata, "unsupported grant type \"" + g + "\"");
    }
  }
  if (c.allows_grant(grant_client_credentials) && c.is_public()) {
    return fail(errc::invalid_client_metadata,
                "client_credentials needs a confidential client (token_endpoint_auth_method "
                "other than none)");
  }
  if (c.allows_grant(grant_authorization_code) && c.redirect_uris.empty()) {
    return fail(errc::invalid_redirect_uri, "authorization_code needs at least one redirect URI");
  }

  auto responses = string_array(meta, "response_types", 4, 64);
  if (!responses) {
    return responses.error();
  }
  for (const auto& r : *responses) {
    if (r != "code") {
      return fail(errc::invalid_client_metadata, "response_types may only hold \"code\"");
    }
  }

  if (const auto* name = json::find_string(meta, "client_name")) {
    if (name->size() > lim.max_name_bytes) {
      return fail(errc::invalid_client_metadata, "client_name is too long");
    }
    c.name.assign(name->data(), name->size());
  }
  if (const auto* scope = json::find_string(meta, "scope")) {
    if (!parse_scope(json::view(*scope), c.scopes)) {
      return fail(errc::invalid_client_metadata, "scope holds a character scopes may not");
    }
  }

  c.id = random_token(rnd, client_id_bytes);
  if (!c.is_public()) {
    c.secret = random_token(rnd, client_secret_bytes);
  }
  return c;
}

bj::object registration_response(const client& c) {
  bj::object out;
  out["client_id"] = c.id;
  out["client_id_issued_at"] = c.issued_at;
  if (!c.is_public()) {
    out["client_secret"] = c.secret;
    out["client_secret_expires_at"] = 0;  // never
  }
  out["token_endpoint_auth_method"] = auth_method_name(c.method);
  bj::array uris;
  for (const auto& u : c.redirect_uris) {
    uris.emplace_back(u);
  }
  out["redirect_uris"] = std::move(uris);
  bj::array grants;
  for (const auto& g : c.grant_types) {
    grants.emplace_back(g);
  }
  out["grant_types"] = std::move(grants);
  out["response_types"] = bj::array{"code"};
  if (!c.name.empty()) {
    out["client_name"] = c.name;
  }
  if (!c.scopes.empty()) {
    out["scope"] = join_scope(c.scopes);
  }
  return out;
}

client_registry::client_registry(std::vector<client> initial, registration_limits lim)
    : limits_{lim} {
  for (auto& c : initial) {
    std::string id = c.id;
    clients_.insert_or_assign(std::move(id), std::move(c));
  }
}

oauth_result<const client*> client_registry::add(client c) {
  if (clients_.size() >= limits_.max_clients) {
    return fail(errc::temporarily_unavailable, "too many registered clients");
  }
  std::string id = c.id;
  auto [it, inserted] = clients_.emplace(std::move(id), std::move(c));
  if (!inserted) {
    return fail(errc::invalid_client_metadata, "client id already registered");
  }
  return &it->second;
}

const client* client_registry::find(std::string_view id) const noexcept {
  const auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : &it->second;
}

oauth_result<const client*> client_registry::authenticate(const presented_client& p) const {
  const client* c = find(p.id);
  if (c == nullptr) {
    return fail(errc::invalid_client, "unknown client");
  }
  if (c->is_public()) {
    if (p.secret) {
      return fail(errc::invalid_client, "a public client must not send a secret");
    }
    return c;
  }
  if (!p.secret) {
    return fail(errc::invalid_client, "client authentication required");
  }
  // Either secret method is accepted whatever the client registered: tools differ in which one
  // they default to, and this is a development issuer.
  const bool match = p.secret->size() == c->secret.size() &&
                     CRYPTO_memcmp(p.secret->data(), c->secret.data(), c->secret.size()) == 0;
  if (!match) {
    return fail(errc::invalid_client, "client authentication failed");
  }
  return c;
}

}  // namespace mcpgate::issuer
