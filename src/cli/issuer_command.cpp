// `mcpgate issuer`: the embedded development OAuth/OpenID issuer on its own, for trying
// `mcpgate token`, MCP clients' OAuth flows or a gateway configuration without a cloud tenant.

#include "cli/commands.hpp"
#include "http/server.hpp"
#include "issuer/issuer.hpp"
#include "jose/key_file.hpp"
#include "jose/signer.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace mcpgate::cli {

namespace {

// A PEM private key is a few kilobytes; anything larger is not one.
constexpr std::size_t max_key_file_bytes = 64 * 1024;

struct issuer_command_options {
  std::string listen = "127.0.0.1:9000";
  std::string public_url;
  std::string audience = "https://mcp-oauth-demo";
  std::vector<std::string> allowed_audiences;
  std::string key_file;
  std::string write_key;
  std::string kid = "mcpgate-dev";
  std::string alg = "ES256";
  unsigned device_interval = 5;
  unsigned token_ttl = 3600;
  std::size_t workers = 2;
};

std::pair<std::string, std::uint16_t> split_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    throw std::invalid_argument("--listen must be HOST:PORT, got '" + text + "'");
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (ec != std::errc{} || end != last || port > 65535) {
    throw std::invalid_argument("--listen port must be 0-65535, got '" + text + "'");
  }
  return {host, static_cast<std::uint16_t>(port)};
}

jose::signing_key load_or_generate_key(const issuer_command_options& o) {
  if (!o.key_file.empty()) {
    auto pem = jose::read_small_file(o.key_file, max_key_file_bytes);
    if (!pem) {
      throw std::runtime_error("cannot read --key " + o.key_file + ": " + pem.error().message());
    }
    auto key = jose::signing_key::from_pem(*pem, o.kid);
    if (!key) {
      throw std::runtime_error("--key " + o.key_file +
                               " is not a usable private key: " + key.error().message());
    }
    return std::move(*key);
  }
  const auto a = jose::alg_from_name(o.alg);
  if (!a) {
    throw std::invalid_argument("--alg must be ES256 or RS256, got '" + o.alg + "'");
  }
  auto key = jose::signing_key::generate(*a, o.kid);
  if (!key) {
    throw std::runtime_error("cannot generate a signing key: " + key.error().message());
  }
  if (!o.write_key.empty()) {
    auto pem = key->private_pem();
    if (!pem) {
      throw std::runtime_error("cannot encode the key: " + pem.error().message());
    }
    std::ofstream out{o.write_key, std::ios::trunc};
    out << *pem;
    out.close();
    if (!out) {
      throw std::runtime_error("cannot write --write-key " + o.write_key);
    }
    // A private key: readable by its owner only.
    std::filesystem::permissions(
        o.write_key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return std::move(*key);
}

// The slot is held by value in the frame (STYLE.md, habit 3).
http::task<void> serve_issuer(std::shared_ptr<std::unique_ptr<issuer::issuer>> slot,
                              http::exchange& ex) {
  co_await ex.respond((*slot)->handle(ex.req()));
}

int run_issuer(const issuer_command_options& o) {
  const auto [host, port] = split_listen(o.listen);
  jose::signing_key key = load_or_generate_key(o);

  http::server_options http_options;
  http_options.workers = o.workers;
  http_options.drain_timeout = std::chrono::seconds{2};
  http::server server{http_options};

  // The public URL may depend on the port the kernel picks (--listen HOST:0), so the issuer is
  // built after the bind; nothing is served before start().
  auto slot = std::make_shared<std::unique_ptr<issuer::issuer>>();
  auto bound =
      server.listen(host, port, [slot](http::exchange& ex) { return serve_issuer(slot, ex); });
  if (!bound) {
    throw std::runtime_error("cannot listen on " + o.listen + ": " + bound.error().message());
  }
  const std::string bound_host = bound->address().is_v6() ? "[" + bound->address().to_string() + "]"
                                                          : bound->address().to_string();
  issuer::issuer_options io;
  io.public_url = o.public_url.empty()
                      ? "http://" + bound_host + ":" + std::to_string(bound->port())
                      : o.public_url;
  io.default_audience = o.audience;
  io.allowed_audiences = o.allowed_audiences;
  io.device.interval = std::chrono::seconds{o.device_interval};
  io.access_token_ttl = std::chrono::seconds{o.token_ttl};
  *slot = std::make_unique<issuer::issuer>(std::move(io), std::move(key));

  spdlog::warn("{}", issuer::development_warning);
  std::cout << "issuer listening on " << (*slot)->public_url() << " (iss " << (*slot)->issuer_id()
            << ", default audience " << o.audience << ")" << std::endl;
  http::run_until_signal({&server});
  return 0;
}

}  // namespace

void register_issuer(CLI::App& app, action& chosen) {
  auto o = std::make_shared<issuer_command_options>();
  CLI::App* cmd = app.add_subcommand(
      "issuer",
      "Run the development OAuth/OpenID issuer (demo users admin, reader, basic; "
      "never for production)");
  cmd->add_option("--listen", o->listen, "Address and port, e.g. 127.0.0.1:9000 or [::1]:0")
      ->capture_default_str();
  cmd->add_option("--public-url", o->public_url,
                  "Base URL clients use (default: http://<listen address>); iss is this plus /");
  cmd->add_option("--audience", o->audience,
                  "aud of tokens whose request names no resource or audience")
      ->capture_default_str();
  cmd->add_option("--allowed-audience", o->allowed_audiences,
                  "Audiences tokens may be issued for (default: any absolute URI)");
  cmd->add_option("--key", o->key_file, "PEM private key to sign with (default: a fresh key)");
  cmd->add_option("--write-key", o->write_key,
                  "Write the generated private key here (mode 0600), for `mcpgate token mint`")
      ->excludes("--key");
  cmd->add_option("--kid", o->kid, "Key id in the JWKS and token headers")->capture_default_str();
  cmd->add_option("--alg", o->alg, "Algorithm of a generated key")
      ->check(CLI::IsMember({"ES256", "RS256"}))
      ->capture_default_str();
  cmd->add_option("--device-interval", o->device_interval,
                  "Seconds between device-flow polls (RFC 8628 interval)")
      ->check(CLI::Range(1, 60))
      ->capture_default_str();
  cmd->add_option("--token-ttl", o->token_ttl, "Access token lifetime in seconds")
      ->check(CLI::Range(60, 86400))
      ->capture_default_str();
  cmd->add_option("--workers", o->workers, "Worker threads")->capture_default_str();
  cmd->callback([&chosen, o] { chosen = [o] { return run_issuer(*o); }; });
}

}  // namespace mcpgate::cli
