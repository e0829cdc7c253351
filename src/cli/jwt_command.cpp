// `mcpgate jwt verify | decode | keygen | sign`: offline work with tokens and keys.

#include "cli/commands.hpp"
#include "core/clock.hpp"
#include "gateway/jwks_fetcher.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/key_file.hpp"
#include "jose/key_set.hpp"
#include "jose/signer.hpp"
#include "jose/verifier.hpp"
#include "json/strict.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mcpgate::cli {

namespace bj = boost::json;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

// A PEM key or a JWKS from disk is small; anything larger is a mistake.
constexpr std::size_t max_key_file_bytes = 1 << 20;

int usage_error(const std::string& message) {
  std::cerr << "error: usage: " << message << '\n';
  return exit_usage;
}

int token_error(const error_code& ec) {
  std::cerr << "error: " << jose::describe(ec) << '\n';
  return exit_invalid;
}

// The token argument, or standard input for "-" (one trailing line break dropped, so that
// `echo $TOKEN | mcpgate jwt verify -` works; anything else is part of the token).
std::string read_token(const std::string& arg) {
  if (arg != "-") {
    return arg;
  }
  std::string text{std::istreambuf_iterator<char>{std::cin}, std::istreambuf_iterator<char>{}};
  if (!text.empty() && text.back() == '\n') {
    text.pop_back();
    if (!text.empty() && text.back() == '\r') {
      text.pop_back();
    }
  }
  return text;
}

bool is_url(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

struct verify_args {
  std::string jwks;
  std::string jwk;
  std::string issuer;
  std::vector<std::string> audiences;
  std::string algs;
  std::optional<std::int64_t> now;
  std::int64_t skew = 60;
  std::size_t max_token_bytes = jose::jws_limits{}.max_token_bytes;
  bool signature_only = false;
  bool allow_plain_http = false;
  std::int64_t fetch_timeout_ms = 10000;
  std::string token = "-";
};

int run_verify_signature_only(const verify_args& args, const std::string& token,
                              const jose::alg_set& algs, const jose::jws_limits& lim) {
  auto text = jose::read_small_file(args.jwk, max_key_file_bytes);
  if (!text) {
    return usage_error("cannot read --jwk " + args.jwk + ": " + text.error().message());
  }
  jose::jwk_options key_opt;
  // An HMAC secret is usable only when the caller named an HS* algorithm explicitly.
  key_opt.allow_symmetric = algs.has_hmac();
  auto key = jose::parse_jwk(*text, key_opt);
  if (!key) {
    return token_error(key.error());
  }
  auto r = jose::verify_jws(token, *key, algs, lim);
  if (!r) {
    return token_error(r.error());
  }
  std::cout << r->payload << '\n';
  return exit_ok;
}

// The key set from a file, a URL, or (with neither) the issuer's discovery metadata. The error
// is the exit status: 2 for an unreadable file, 1 when a remote set cannot be had.
result<jose::key_set, int> load_keys(const verify_args& args) {
  if (!args.jwks.empty() && !is_url(args.jwks)) {
    auto keys = jose::key_set_from_file(args.jwks);
    if (!keys) {
      return usage_error("cannot load --jwks " + args.jwks + ": " + jose::describe(keys.error()));
    }
    return std::move(*keys);
  }
  gateway::jwks_fetch_options opt;
  opt.allow_plain_http = args.allow_plain_http;
  opt.connect_timeout = opt.response_timeout = opt.body_timeout =
      std::chrono::milliseconds{args.fetch_timeout_ms};
  const auto unavailable = [](const std::string& where, const error_code& ec) {
    std::cerr << "error: no_keys: cannot fetch " << where << ": " << ec.message() << '\n';
    return exit_invalid;
  };
  std::string url = args.jwks;
  if (url.empty()) {
    auto discovered = gateway::discover_jwks_uri(args.issuer, opt);
    if (!discovered) {
      return unavailable("metadata of " + args.issuer, discovered.error());
    }
    url = std::move(*discovered);
  }
  auto doc = gateway::fetch_document(url, opt);
  if (!doc) {
    return unavailable(url, doc.error());
  }
  auto keys = jose::key_set::parse(doc->body);
  if (!keys) {
    return unavailable(url, keys.error());
  }
  return std::move(*keys);
}

int run_verify(const verify_args& args) {
  std::string bad;
  const auto algs = args.algs.empty() ? std::optional{jose::alg_set::all_asymmetric()}
                                      : jose::alg_set::parse(args.algs, &bad);
  if (!algs) {
    return usage_error("unknown algorithm in --alg: " + bad);
  }
  if (!args.jwks.empty() && !args.jwk.empty()) {
    return usage_error("give one of --jwks and --jwk");
  }
  if (!args.jwk.empty() && !args.signature_only) {
    return usage_error("--jwk checks one signature and needs --signature-only");
  }
  if (args.skew < 0 || args.skew > 3600) {
    return usage_error("--skew must be between 0 and 3600 seconds");
  }
  jose::jws_limits lim;
  lim.max_token_bytes = args.max_token_bytes;
  const std::string token = read_token(args.token);
  if (args.signature_only) {
    if (args.jwk.empty()) {
      return usage_error("--signature-only needs --jwk");
    }
    return run_verify_signature_only(args, token, *algs, lim);
  }
  if (args.issuer.empty() || args.audiences.empty()) {
    return usage_error("--issuer and --audience are required");
  }
  auto keys = load_keys(args);
  if (!keys) {
    return keys.error();
  }
  jose::verify_options opt;
  opt.algorithms = *algs;
  opt.limits = lim;
  opt.claims.issuer = args.issuer;
  opt.claims.audiences = args.audiences;
  opt.claims.skew = std::chrono::seconds{args.skew};
  const std::int64_t now = args.now.value_or(core::real_clock().unix_seconds());
  auto r = jose::verify_jwt(token, *keys, opt, now);
  if (!r) {
    return token_error(r.error());
  }
  std::cout << bj::serialize(r->claims) << '\n';
  return exit_ok;
}

// Decoded JSON when it parses strictly, else the text as a string (decode shows what is there).
bj::value json_or_text(const std::string& text) {
  auto v = json::parse(text, json::limits{text.size(), 64});
  return v ? std::move(*v) : bj::value(bj::string{text});  // () not {}: braces make an array
}

int run_decode(const std::string& arg) {
  jose::jws_limits lim;
  lim.max_token_bytes = 1 << 20;
  auto parts = jose::split_unverified(read_token(arg), lim);
  if (!parts) {
    return token_error(parts.error());
  }
  bj::object out;
  out["warning"] = "UNVERIFIED: signature, issuer, audience and expiry were NOT checked";
  out["header"] = json_or_text(parts->header);
  out["claims"] = json_or_text(parts->payload);
  std::cerr << "warning: decoded without verification; do not trust these claims\n";
  std::cout << bj::serialize(out) << '\n';
  return exit_ok;
}

struct keygen_args {
  std::string alg;
  std::string kid;
  std::string out;
};

bool write_file(const std::filesystem::path& path, const std::string& text, bool secret) {
  // A private key must never be readable by others, not even for a moment.
  const mode_t old = secret ? ::umask(077) : ::umask(022);
  std::ofstream f{path, std::ios::binary | std::ios::trunc};
  f << text;
  f.close();
  ::umask(old);
  return static_cast<bool>(f);
}

int run_keygen(const keygen_args& args) {
  const auto a = jose::alg_from_name(args.alg);
  if (!a || jose::is_hmac(*a)) {
    return usage_error("--alg must name an asymmetric algorithm, e.g. ES256, RS256 or EdDSA");
  }
  auto key = jose::signing_key::generate(*a, args.kid);
  if (!key) {
    std::cerr << "error: " << jose::describe(key.error()) << '\n';
    return exit_invalid;
  }
  std::error_code fs_error;
  std::filesystem::create_directories(args.out, fs_error);
  if (fs_error) {
    return usage_error("cannot create --out " + args.out + ": " + fs_error.message());
  }
  const std::filesystem::path dir{args.out};
  const auto pem = key->private_pem();
  const auto jwks = jose::public_jwks(*key);
  if (!pem || !jwks) {
    std::cerr << "error: cannot export the key\n";
    return exit_invalid;
  }
  const auto key_path = dir / (args.kid + ".pem");
  const auto jwks_path = dir / "jwks.json";
  if (!write_file(key_path, *pem, true) || !write_file(jwks_path, bj::serialize(*jwks), false)) {
    std::cerr << "error: cannot write to " << args.out << '\n';
    return exit_invalid;
  }
  std::cout << "private key: " << key_path.string() << "\npublic JWKS: " << jwks_path.string()
            << '\n';
  return exit_ok;
}

struct sign_args {
  std::string key;
  std::string alg;
  std::string kid;
  std::string claims;
  std::string header = "{}";
};

int run_sign(const sign_args& args) {
  auto pem = jose::read_small_file(args.key, max_key_file_bytes);
  if (!pem) {
    return usage_error("cannot read --key " + args.key);
  }
  std::optional<jose::alg> a;
  if (!args.alg.empty()) {
    a = jose::alg_from_name(args.alg);
    if (!a) {
      return usage_error("unknown --alg " + args.alg);
    }
  }
  auto key = jose::signing_key::from_pem(*pem, args.kid, a);
  if (!key) {
    return usage_error("cannot use --key: " + jose::describe(key.error()));
  }
  auto claims = json::parse(args.claims);
  auto header = json::parse(args.header);
  if (!claims || !claims->is_object() || !header || !header->is_object()) {
    return usage_error("--claims and --header must be JSON objects");
  }
  auto token = jose::sign(header->get_object(), claims->get_object(), *key);
  if (!token) {
    std::cerr << "error: " << jose::describe(token.error()) << '\n';
    return exit_invalid;
  }
  std::cout << *token << '\n';
  return exit_ok;
}

}  // namespace

void register_jwt(CLI::App& app, action& chosen) {
  auto* jwt = app.add_subcommand("jwt", "Verify, decode, sign JWTs; generate keys");
  jwt->require_subcommand(1);

  auto v = std::make_shared<verify_args>();
  auto* verify = jwt->add_subcommand(
      "verify", "Validate one token against a key set, issuer and audience; print its claims");
  verify->add_option("--jwks", v->jwks, "JWKS file or URL (default: discovered from --issuer)");
  verify->add_option("--jwk", v->jwk, "One JWK file (with --signature-only)");
  verify->add_option("--issuer", v->issuer, "Expected iss, compared exactly");
  verify->add_option("--audience", v->audiences, "Accepted aud (repeatable)")
      ->allow_extra_args(false);
  verify->add_option("--alg", v->algs,
                     "Allowed algorithms, e.g. RS256,ES256 (default: all "
                     "asymmetric)");
  verify->add_option("--now", v->now, "Current time as Unix seconds (default: the clock)");
  verify->add_option("--skew", v->skew, "Clock skew tolerance in seconds")->capture_default_str();
  verify->add_option("--max-token-bytes", v->max_token_bytes, "Token size limit")
      ->capture_default_str();
  verify
      ->add_option("--fetch-timeout-ms", v->fetch_timeout_ms,
                   "Timeout of each phase of a JWKS or metadata fetch")
      ->capture_default_str();
  verify->add_flag("--allow-plain-http", v->allow_plain_http,
                   "Allow a plain-http JWKS URL to a non-loopback host");
  verify->add_flag("--signature-only", v->signature_only,
                   "Check structure, alg and signature only (prints the payload)");
  verify->add_option("token", v->token, "The token, or - for standard input")
      ->capture_default_str();
  verify->callback([v, &chosen] { chosen = [v] { return run_verify(*v); }; });

  auto d = std::make_shared<std::string>("-");
  auto* decode = jwt->add_subcommand("decode", "Print a token's header and claims, UNVERIFIED");
  decode->add_option("token", *d, "The token, or - for standard input")->capture_default_str();
  decode->callback([d, &chosen] { chosen = [d] { return run_decode(*d); }; });

  auto k = std::make_shared<keygen_args>();
  auto* keygen = jwt->add_subcommand("keygen", "Generate a signing key (PEM) and its public JWKS");
  keygen->add_option("--alg", k->alg, "ES256, RS256, EdDSA, …")->required();
  keygen->add_option("--kid", k->kid, "Key id")->required();
  keygen->add_option("--out", k->out, "Output directory")->required();
  keygen->callback([k, &chosen] { chosen = [k] { return run_keygen(*k); }; });

  auto s = std::make_shared<sign_args>();
  auto* sign = jwt->add_subcommand("sign", "Sign claims with a PEM private key (for tests)");
  sign->add_option("--key", s->key, "Private key PEM file")->required();
  sign->add_option("--alg", s->alg, "Algorithm (default: the key's natural one)");
  sign->add_option("--kid", s->kid, "Key id to put in the header");
  sign->add_option("--claims", s->claims, "Claims as a JSON object")->required();
  sign->add_option("--header", s->header, "Extra header members as a JSON object");
  sign->callback([s, &chosen] { chosen = [s] { return run_sign(*s); }; });
}

}  // namespace mcpgate::cli
