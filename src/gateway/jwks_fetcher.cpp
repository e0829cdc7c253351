#include "gateway/jwks_fetcher.hpp"

#include "core/error.hpp"
#include "jose/cache_control.hpp"
#include "json/access.hpp"
#include "json/strict.hpp"

namespace mcpgate::gateway {

namespace {

class fetch_category_impl final : public core::category_base {
 public:
  const char* name() const noexcept override { return "mcpgate.jwks_fetch"; }

 protected:
  const char* describe(int ev) const noexcept override {
    switch (static_cast<fetch_errc>(ev)) {
      case fetch_errc::ok:
        return "success";
      case fetch_errc::insecure_url:
        return "plain http is allowed only to loopback hosts (or with allow_plain_http)";
      case fetch_errc::redirect:
        return "redirect refused";
      case fetch_errc::http_status:
        return "unexpected HTTP status";
      case fetch_errc::bad_metadata:
        return "authorization server metadata without a usable jwks_uri";
      case fetch_errc::issuer_mismatch:
        return "metadata issuer differs from the configured issuer";
    }
    return "unknown fetch error";
  }
};

http::request_options limits_of(const jwks_fetch_options& opt) {
  http::request_options r;
  r.connect_timeout = opt.connect_timeout;
  r.response_timeout = opt.response_timeout;
  r.body_timeout = opt.body_timeout;
  r.max_body_bytes = opt.max_document_bytes;
  return r;
}

// Metadata is tiny and nests little.
constexpr json::limits metadata_limits{64 * 1024, 16};

}  // namespace

const boost::system::error_category& fetch_category() noexcept {
  static const fetch_category_impl instance;
  return instance;
}

error_code check_fetch_url(const http::url& target, const jwks_fetch_options& opt) noexcept {
  if (target.is_https() || target.is_loopback() || opt.allow_plain_http) {
    return {};
  }
  return fetch_errc::insecure_url;
}

result<fetched_document> interpret_response(http::response& res) {
  const unsigned status = res.result_int();
  if (status >= 300 && status < 400) {
    return make_error_code(fetch_errc::redirect);
  }
  if (status != 200) {
    return make_error_code(fetch_errc::http_status);
  }
  fetched_document out;
  const auto cc = res[http::field::cache_control];
  out.max_age = jose::max_age_from_cache_control({cc.data(), cc.size()});
  out.body = std::move(res.body());
  return out;
}

result<fetched_document> fetch_document(std::string_view url_text, const jwks_fetch_options& opt) {
  auto target = http::parse_url(url_text);
  if (!target) {
    return target.error();
  }
  if (auto ec = check_fetch_url(*target, opt)) {
    return ec;
  }
  http::fetch_options fo;
  fo.headers = {{"Accept", "application/json"}};
  fo.limits = limits_of(opt);
  fo.tls = opt.tls;
  auto res = http::fetch(url_text, fo);
  if (!res) {
    return res.error();
  }
  return interpret_response(*res);
}

result<std::vector<std::string>> discovery_urls(std::string_view issuer) {
  auto parsed = http::parse_url(issuer);
  if (!parsed) {
    return parsed.error();
  }
  std::string path = parsed->target;
  if (path.find('?') != std::string::npos) {
    return make_error_code(fetch_errc::bad_metadata);
  }
  while (!path.empty() && path.back() == '/') {
    path.pop_back();
  }
  const std::string origin = parsed->scheme + "://" + parsed->host_header();
  // OpenID Connect Discovery §4 appends; RFC 8414 §3.1 inserts before the path.
  return std::vector<std::string>{origin + path + "/.well-known/openid-configuration",
                                  origin + "/.well-known/oauth-authorization-server" + path};
}

result<std::string> jwks_uri_from_metadata(std::string_view document, std::string_view issuer) {
  auto doc = json::parse(document, metadata_limits);
  if (!doc || !doc->is_object()) {
    return make_error_code(fetch_errc::bad_metadata);
  }
  const auto* iss = json::find_string(doc->get_object(), "issuer");
  if (iss == nullptr || json::view(*iss) != issuer) {
    return make_error_code(fetch_errc::issuer_mismatch);
  }
  const auto* uri = json::find_string(doc->get_object(), "jwks_uri");
  if (uri == nullptr || uri->empty()) {
    return make_error_code(fetch_errc::bad_metadata);
  }
  return std::string{json::view(*uri)};
}

result<std::string> discover_jwks_uri(std::string_view issuer, const jwks_fetch_options& opt) {
  auto urls = discovery_urls(issuer);
  if (!urls) {
    return urls.error();
  }
  error_code last;
  for (const std::string& u : *urls) {
    auto doc = fetch_document(u, opt);
    if (!doc) {
      last = doc.error();
      continue;
    }
    auto uri = jwks_uri_from_metadata(doc->body, issuer);
    if (!uri) {
      return uri.error();
    }
    auto target = http::parse_url(*uri);
    if (!target) {
      return target.error();
    }
    if (auto ec = check_fetch_url(*target, opt)) {
      return ec;
    }
    return uri;
  }
  return last;
}

http::task<bool> refresh_once(http::client& client, const http::url& target,
                              jose::jwks_cache& cache, const core::clock& clock,
                              const jwks_fetch_options& opt) {
  if (!cache.begin_fetch(clock.now())) {
    co_return false;
  }
  if (auto ec = check_fetch_url(target, opt)) {
    cache.on_fetch_failed(ec, clock.now());
    co_return true;
  }
  http::request req{http::verb::get, target.target, 11};
  req.set(http::field::accept, "application/json");
  auto res = co_await client.send(target, std::move(req), limits_of(opt));
  if (!res) {
    cache.on_fetch_failed(res.error(), clock.now());
    co_return true;
  }
  auto doc = interpret_response(*res);
  if (!doc) {
    cache.on_fetch_failed(doc.error(), clock.now());
    co_return true;
  }
  (void)cache.on_fetched(doc->body, doc->max_age, clock.now());
  co_return true;
}

bool refresh_once_sync(std::string_view url, jose::jwks_cache& cache, const core::clock& clock,
                       const jwks_fetch_options& opt) {
  if (!cache.begin_fetch(clock.now())) {
    return false;
  }
  auto doc = fetch_document(url, opt);
  if (!doc) {
    cache.on_fetch_failed(doc.error(), clock.now());
    return true;
  }
  (void)cache.on_fetched(doc->body, doc->max_age, clock.now());
  return true;
}

}  // namespace mcpgate::gateway
