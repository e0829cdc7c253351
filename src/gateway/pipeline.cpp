#include "gateway/pipeline.hpp"
#include "core/ascii.hpp"

#include "cel/request_binding.hpp"
#include "gateway/bearer.hpp"
#include "gateway/body_coding.hpp"
#include "gateway/forward.hpp"
#include "gateway/list_filter.hpp"
#include "gateway/policy_headers.hpp"
#include "gateway/resource_metadata.hpp"
#include "gateway/responses.hpp"
#include "gateway/sse_filter.hpp"
#include "http/error.hpp"
#include "http/request_rules.hpp"
#include "jose/error.hpp"
#include "mcp/inspect.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <variant>

namespace mcpgate::gateway {

namespace {

namespace bj = boost::json;
using steady = std::chrono::steady_clock;

constexpr std::string_view metadata_prefix = "/.well-known/oauth-protected-resource";
constexpr std::string_view identity_jwks_path = "/.well-known/mcpgate/jwks.json";
// A buffered upstream body (one with a Content-Length) is answered in one piece up to this size;
// larger ones stream.
constexpr std::size_t buffer_small_bodies = 64 * 1024;

std::string_view sv(boost::beast::string_view s) noexcept {
  return {s.data(), s.size()};
}

std::string_view field_of(const http::request& r, std::string_view name) noexcept {
  auto it = r.find(boost::beast::string_view{name.data(), name.size()});
  return it == r.end() ? std::string_view{} : sv(it->value());
}

// The fields a CORS policy answers with: the upstream's own give way to the policy's.
bool is_cors_response_field(http::field f) noexcept {
  switch (f) {
    case http::field::access_control_allow_origin:
    case http::field::access_control_allow_credentials:
    case http::field::access_control_expose_headers:
    case http::field::access_control_allow_methods:
    case http::field::access_control_allow_headers:
    case http::field::access_control_max_age:
      return true;
    default:
      return false;
  }
}

// The base URL clients reach us at: the configured publicUrl, else the request's Host.
std::string public_base(const snapshot& s, const http::request& req) {
  std::string base = s.config->public_url;
  if (base.empty()) {
    const auto host = http::value_of(req, http::field::host);
    base = "http://" + std::string{host.empty() ? std::string_view{"localhost"} : host};
  }
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base;
}

// A name a client may use for a tool, prompt or method: no control characters, spaces, or the
// Unicode spaces and invisible characters a trim() or a normalizer removes (NBSP, the U+2000
// spaces, zero-width ones, the BOM…), which could make "delete_file\0" or "delete_file\u00a0"
// differ from the rule's string here and match it on a lenient server.
bool clean_name(std::string_view name) noexcept {
  if (name.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto u = static_cast<unsigned char>(name[i]);
    if (u <= 0x20 || u == 0x7f) {
      return false;
    }
    if (u < 0xc2 || i + 1 >= name.size()) {
      continue;
    }
    const auto b1 = static_cast<unsigned char>(name[i + 1]);
    const auto b2 = i + 2 < name.size() ? static_cast<unsigned char>(name[i + 2]) : 0;
    const bool space =
        (u == 0xc2 && (b1 == 0x85 || b1 == 0xa0)) ||  // NEL, NBSP
        (u == 0xe1 && b1 == 0x9a && b2 == 0x80) ||    // U+1680
        (u == 0xe1 && b1 == 0xa0 && b2 == 0x8e) ||    // U+180E
        (u == 0xe2 && b1 == 0x80 &&
         ((b2 >= 0x80 && b2 <= 0x8f) ||                                             // U+2000–200F
          (b2 >= 0xa8 && b2 <= 0xaf))) ||                                           // U+2028–202F
        (u == 0xe2 && b1 == 0x81 && (b2 == 0x9f || (b2 >= 0xa0 && b2 <= 0xaf))) ||  // U+205F–206F
        (u == 0xe3 && b1 == 0x80 && b2 == 0x80) ||                                  // U+3000
        (u == 0xef && b1 == 0xbb && b2 == 0xbf);                                    // U+FEFF
    if (space) {
      return false;
    }
  }
  return true;
}

bool needs_authorization(mcp::method m) noexcept {
  return m == mcp::method::tools_call || m == mcp::method::prompts_get ||
         m == mcp::method::resources_read || m == mcp::method::resources_subscribe ||
         m == mcp::method::completion_complete;
}

// Whether a list entry stays in a filtered list: the call it names would be allowed. `f` holds
// the request's own variables (jwt, request.*, source.*); the mcp ones are the entry's.
bool list_entry_visible(const snapshot& snap, cel::request_fields f, mcp::list_kind list,
                        std::string_view name) {
  switch (list) {
    case mcp::list_kind::tools:
      f.mcp_method = "tools/call";
      f.tool_name = name;
      break;
    case mcp::list_kind::prompts:
      f.mcp_method = "prompts/get";
      f.prompt_name = name;
      break;
    default:
      f.mcp_method = "resources/read";
      f.resource_uri = name;
      break;
  }
  const bool by_uri =
      list == mcp::list_kind::resources || list == mcp::list_kind::resource_templates;
  if (by_uri ? !http::uri_normal(name) : !clean_name(name)) {
    return false;
  }
  return snap.rules.decide(f, authorize_mode::list).allowed;
}

// A client-controlled field as the log keeps it: at most 256 bytes (cut on a UTF-8 boundary,
// marked with "…"), so a 4 MiB method or path cannot make a log line no shipper accepts.
std::string clipped(std::string_view s) {
  constexpr std::size_t most = 256;
  if (s.size() <= most) {
    return std::string{s};
  }
  std::size_t cut = most;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) {
    --cut;
  }
  return std::string{s.substr(0, cut)} + "\u2026";
}

// The request path for the log: bytes outside printable ASCII (a refused path may hold any)
// percent-encoded, so the line stays UTF-8 JSON.
std::string loggable_path(std::string_view path) {
  std::string out;
  for (const char c : path.substr(0, 256)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      static constexpr char hex[] = "0123456789ABCDEF";
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xf];
    } else {
      out += c;
    }
  }
  return path.size() > 256 ? out + "\u2026" : out;
}

// One request's access/decision log entry (JSON lines).
struct record {
  std::string_view http_method;
  std::string_view path;
  std::string_view sub;
  std::string mcp_method;
  std::string target;  // tool, prompt or resource
  std::string_view decision;
  std::string_view rule;
  std::string_view reason;
  std::string_view auth_error;
  unsigned status = 0;
  std::optional<steady::duration> upstream_time;  // when forwarded

  // Times are whole microseconds: a JSON double would print as 2.23E-1.
  std::string to_json(steady::duration total, std::string_view peer) const {
    using std::chrono::microseconds;
    bj::object o;
    o["peer"] = peer;
    o["method"] = clipped(http_method);
    o["path"] = loggable_path(path);
    o["status"] = status;
    o["us"] = std::chrono::duration_cast<microseconds>(total).count();
    if (upstream_time) {
      o["upstream_us"] = std::chrono::duration_cast<microseconds>(*upstream_time).count();
    }
    if (!sub.empty()) {
      o["sub"] = clipped(sub);
    }
    if (!auth_error.empty()) {
      o["auth_error"] = auth_error;
    }
    if (!mcp_method.empty()) {
      o["mcp_method"] = clipped(mcp_method);
    }
    if (!target.empty()) {
      o["target"] = clipped(target);
    }
    if (!decision.empty()) {
      o["decision"] = decision;
      o["reason"] = reason;
      if (!rule.empty()) {
        o["rule"] = rule;
      }
    }
    return bj::serialize(o);
  }
};

// Every answer goes through here: status metrics, the access log.
void log_answer(gateway_metrics& metrics, spdlog::logger* access_log, const http::exchange& ex,
                record& rec, unsigned status, steady::time_point started) {
  rec.status = status;
  const auto took = steady::now() - started;
  metrics.request(ex.worker(), status, std::chrono::duration<double>(took).count());
  if (access_log) {
    access_log->info(rec.to_json(took, ex.peer_address()));
  }
}

}  // namespace

pipeline::pipeline(const snapshot_holder& snapshots,
                   std::vector<std::unique_ptr<worker_state>>& workers, gateway_metrics& metrics,
                   const identity_signer* identity, const core::clock& clock,
                   std::shared_ptr<spdlog::logger> access_log)
    : snapshots_{snapshots},
      workers_{workers},
      metrics_{metrics},
      identity_{identity},
      clock_{clock},
      access_log_{std::move(access_log)} {}

// What the streaming phase needs once the decision phase is over. The decision phase is one large
// coroutine frame (GCC gives every local and every co_await temporary its own slot: about 9 KiB);
// keeping it alive for the life of a long SSE stream made that the largest cost of an open
// stream, so it ends before the body is relayed and only this stays.
struct pipeline::stream_relay {
  std::shared_ptr<const snapshot> snap;  // keeps the rule texts `rec` points into alive
  std::shared_ptr<const caller> who;
  http::response_stream stream;
  std::unique_ptr<sse_list_rewriter> rewriter;
  record rec;
  steady::time_point started;
  unsigned status = 0;
};

http::task<void> pipeline::handle(http::exchange& ex) {
  auto relay = co_await admit(ex);
  if (relay) {
    co_await relay_body(ex, *relay);
  }
}

http::task<std::unique_ptr<pipeline::stream_relay>> pipeline::admit(http::exchange& ex) {
  const auto started = steady::now();
  const auto snap = snapshots_.load();
  const auto& cfg = *snap->config;
  auto& w = *workers_[ex.worker()];
  auto& req = ex.req();
  const std::size_t worker = ex.worker();

  const std::string_view target = sv(req.target());
  const std::string_view path = target.substr(0, target.find('?'));
  record rec;
  rec.http_method = sv(req.method_string());
  rec.path = path;

  // Every answer goes through here: status metrics, the access log.
  auto finish = [&](unsigned status) {
    log_answer(metrics_, access_log_.get(), ex, rec, status, started);
  };
  auto answer = [&](http::response res) -> http::task<void> {
    const unsigned status = res.result_int();
    co_await ex.respond(std::move(res));
    finish(status);
  };

  // 1. CORS: a preflight is answered here, before authentication.
  const std::string_view origin = http::value_of(req, http::field::origin);
  header_list cors_headers;
  if (snap->cors) {
    const auto requested = field_of(req, "Access-Control-Request-Method");
    if (cors::is_preflight(rec.http_method, origin, requested)) {
      http::response res{http::status::no_content, 11};
      if (auto h = snap->cors->preflight(origin, requested,
                                         field_of(req, "Access-Control-Request-Headers"))) {
        for (const auto& [name, value] : *h) {
          res.insert(name, value);
        }
      }
      co_await answer(std::move(res));
      co_return nullptr;
    }
    cors_headers = snap->cors->response_headers(origin);
  }

  // Routes and rules see the path as sent, and a backend that resolves dot segments or decodes
  // escapes would serve another one: only paths in normal form go on (http::path_normal).
  if (!http::path_normal(path)) {
    co_await answer(json_response(
        http::status::bad_request,
        R"({"error":"bad_path","error_description":"path not in normal form: dot or empty segments, escaped unreserved characters or slashes"})",
        cors_headers));
    co_return nullptr;
  }

  // 2. Well-known endpoints, unauthenticated.
  if (path == identity_jwks_path && identity_) {
    co_await answer(json_response(http::status::ok, identity_->jwks_json(), cors_headers));
    co_return nullptr;
  }
  if (path.substr(0, metadata_prefix.size()) == metadata_prefix &&
      (path.size() == metadata_prefix.size() || path[metadata_prefix.size()] == '/')) {
    const std::string_view resource_path = path.size() == metadata_prefix.size()
                                               ? std::string_view{"/"}
                                               : path.substr(metadata_prefix.size());
    if (!snap->authentication || !snap->match(resource_path)) {
      co_await answer(
          json_response(http::status::not_found, R"({"error":"not_found"})", cors_headers));
      co_return nullptr;
    }
    protected_resource pr{
        public_base(*snap, req), std::string{resource_path}, snap->authorization_servers, {}, {}};
    co_await answer(json_response(http::status::ok, pr.document(), cors_headers));
    co_return nullptr;
  }

  const route* rt = snap->match(path);
  if (!rt) {
    co_await answer(
        json_response(http::status::not_found, R"({"error":"not_found"})", cors_headers));
    co_return nullptr;
  }

  // 3. Authentication: a Bearer token from the Authorization header only.
  std::shared_ptr<const caller> who;
  if (snap->authentication) {
    auto challenge = [&](std::string_view error, std::string_view description) {
      protected_resource pr{
          public_base(*snap, req), std::string{path}, snap->authorization_servers, {}, {}};
      return unauthorized(pr.metadata_url(), error, description, cors_headers);
    };
    const auto count = http::count_of(req, http::field::authorization);
    const auto bearer =
        count > 1 ? bearer_token{bearer_status::malformed, {}}
                  : parse_bearer(http::value_of(req, http::field::authorization), count == 1);
    if (bearer.status == bearer_status::missing) {
      if (snap->mode == config::jwt_mode::strict) {
        metrics_.auth_failure(worker, "missing");
        rec.auth_error = "missing";
        co_await answer(challenge({}, {}));
        co_return nullptr;
      }
    } else if (bearer.status == bearer_status::malformed) {
      metrics_.auth_failure(worker, "malformed_header");
      rec.auth_error = "malformed_header";
      if (snap->mode != config::jwt_mode::permissive) {
        co_await answer(challenge("invalid_token", "malformed Authorization header"));
        co_return nullptr;
      }
    } else {
      auto result = co_await w.auth.verify(bearer.token, snap->providers, snap->generation);
      if (result.who) {
        who = std::move(result.who);
        rec.sub = who->subject;
      } else {
        rec.auth_error = jose::error_class(result.error);
        metrics_.auth_failure(worker, rec.auth_error);
        if (snap->mode != config::jwt_mode::permissive) {
          // No keys is our failure, not the caller's: 503, so a client retries rather than
          // throwing its token away.
          // (Two statements: GCC 12 mis-destroys temporaries of a ?: inside co_await.)
          auto res = result.error == jose::errc::no_keys
                         ? keys_unavailable(cors_headers)
                         : challenge("invalid_token", jose::describe(result.error));
          co_await answer(std::move(res));
          co_return nullptr;
        }
      }
    }
  }

  // 4. Inspection of a POST body: exactly one strict JSON-RPC message. Its JSON lives in an
  // arena freed with this frame (a block or two instead of an allocation per container and key);
  // what outlives the frame (the request id a stream rewriter keeps) is copied out of it.
  std::array<unsigned char, 1024> json_arena_start;
  bj::monotonic_resource json_arena{json_arena_start.data(), json_arena_start.size()};
  const bj::storage_ptr json_storage{&json_arena};
  mcp::message_info info{json_storage};
  bool inspected = false;
  bj::value arguments(json_storage);
  // The request's own policy variables. request.headers only when a rule reads them; shared
  // with a stream rewriter, which outlives this frame.
  std::shared_ptr<const policy_headers> headers;
  if (snap->rules_read_headers) {
    headers = std::make_shared<const policy_headers>(req);
  }
  auto bind = [&](cel::request_fields& f) {
    f.jwt = who ? &who->token.claims : nullptr;
    f.http_method = rec.http_method;
    f.http_path = path;
    f.headers = headers ? headers->entries() : std::span<const cel::borrowed_entry>{};
    f.source_address = ex.peer_address();
  };
  if (req.method() != http::verb::post && !req.body().empty()) {
    // Only a POST body is inspected; a server that reads JSON-RPC from any method's body would
    // run one sent with GET or DELETE unauthorized.
    co_await answer(json_response(
        http::status::bad_request,
        R"({"error":"invalid_request","error_description":"only a POST carries a body"})",
        cors_headers));
    co_return nullptr;
  }
  if (req.method() == http::verb::post) {
    if (const auto why = unreadable_body(req); !why.empty()) {
      co_await answer(json_response(
          http::status::unsupported_media_type,
          rpc_error_body(nullptr, -32600, "Unsupported Media Type: " + std::string{why}),
          cors_headers));
      co_return nullptr;
    }
    mcp::message_limits lim;
    lim.max_bytes = cfg.limits.max_body_bytes;
    lim.max_depth = cfg.limits.max_json_depth;
    auto parsed = mcp::inspect(req.body(), lim, json_storage);
    if (!parsed) {
      co_await answer(json_response(http::status::bad_request,
                                    bj::serialize(mcp::make_error(parsed.error())), cors_headers));
      co_return nullptr;
    }
    info = std::move(*parsed);
    inspected = true;
    rec.mcp_method = info.method;
    const bool has_method =
        info.kind == mcp::message_kind::request || info.kind == mcp::message_kind::notification;
    if (has_method && info.method_id == mcp::method::unknown) {
      // A method that is a known one in another case ("Tools/Call") or with a control character
      // or space ("tools/call\u0000") would escape authorization on a lenient server: refused.
      std::string lower{info.method};
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (mcp::classify(lower) != mcp::method::unknown || !clean_name(info.method)) {
        metrics_.mcp_call(worker, info.method, mcp_decision::denied);
        co_await answer(json_response(
            http::status::ok, rpc_error_body(info.id, -32601, "Method not found"), cors_headers));
        co_return nullptr;
      }
    }

    // 5. Authorization of calls.
    if (info.kind == mcp::message_kind::request && needs_authorization(info.method_id)) {
      cel::request_fields f;
      bind(f);
      // A completion is checked as the call it completes an argument of (docs/policy.md).
      f.mcp_method = info.completes != mcp::method::unknown ? mcp::method_name(info.completes)
                                                            : std::string_view{info.method};
      std::string_view kind = "tool";
      std::string_view name;
      if (info.method_id == mcp::method::tools_call) {
        name = info.tool_name;
        arguments = bj::value(std::move(info.tool_arguments));
        f.tool_name = name;
        f.tool_arguments = &arguments;
      } else if (info.method_id == mcp::method::prompts_get ||
                 info.completes == mcp::method::prompts_get) {
        kind = "prompt";
        name = info.prompt_name;
        f.prompt_name = name;
      } else {
        kind = "resource";
        name = info.resource_uri;
        f.resource_uri = name;
      }
      rec.target = std::string{name};
      decision d{false, nullptr,
                 kind == "resource" ? "URI not in normal form (http::uri_normal)"
                                    : "name with control characters or spaces"};
      if (kind == "resource" ? http::uri_normal(name) : clean_name(name)) {
        d = snap->rules.decide(f, authorize_mode::call);
      }
      rec.decision = d.allowed ? "allow" : "deny";
      rec.reason = d.reason;
      rec.rule = d.decided_by ? std::string_view{d.decided_by->where} : std::string_view{};
      metrics_.mcp_call(worker, info.method,
                        d.allowed ? mcp_decision::allowed : mcp_decision::denied);
      if (!d.allowed) {
        if (cfg.on_deny == config::on_deny::forbidden) {
          protected_resource pr{
              public_base(*snap, req), std::string{path}, snap->authorization_servers, {}, {}};
          auto res = json_response(
              http::status::forbidden,
              R"({"error":"insufficient_scope","error_description":"not allowed by policy"})",
              cors_headers);
          res.set(
              http::field::www_authenticate,
              bearer_challenge(pr.metadata_url(), "insufficient_scope", "not allowed by policy"));
          co_await answer(std::move(res));
        } else {
          // Answer like a server that does not have it, so callers cannot probe for hidden tools.
          const std::string message = (kind == "tool"     ? "Unknown tool: "
                                       : kind == "prompt" ? "Unknown prompt: "
                                                          : "Unknown resource: ") +
                                      std::string{name};
          co_await answer(json_response(http::status::ok, rpc_error_body(info.id, -32602, message),
                                        cors_headers));
        }
        co_return nullptr;
      }
    } else {
      metrics_.mcp_call(worker, info.method, mcp_decision::unchecked);
    }
  } else if (req.method() != http::verb::get && req.method() != http::verb::delete_) {
    auto res = json_response(http::status::method_not_allowed, R"({"error":"method_not_allowed"})",
                             cors_headers);
    res.set(http::field::allow, "GET, POST, DELETE");
    co_await answer(std::move(res));
    co_return nullptr;
  }

  // 6. Upstream.
  http::url upstream = rt->upstream;
  upstream.target = rt->base_path + std::string{target};
  forward_options fo;
  fo.forward_token = cfg.forward_token;
  fo.client_address = ex.peer_address();
  fo.identity_field = cfg.identity.header;
  if (identity_ && who && cfg.identity.enabled) {
    const std::string audience = cfg.identity.audience.empty()
                                     ? rt->origin + rt->base_path + std::string{path}
                                     : cfg.identity.audience;
    fo.identity = identity_->assertion_for(*who, audience);
  }
  auto upstream_req = make_upstream_request(req, fo);
  http::request_options ro;
  ro.connect_timeout = cfg.timeouts.connect;
  ro.response_timeout = cfg.timeouts.response;
  ro.body_timeout = cfg.timeouts.idle;
  ro.max_body_bytes = cfg.limits.max_response_body_bytes;
  const auto upstream_started = steady::now();
  auto opened = co_await w.client.open(upstream, std::move(upstream_req), ro);
  rec.upstream_time = steady::now() - upstream_started;
  const bj::value rpc_id = inspected ? bj::value(info.id, bj::storage_ptr{}) : bj::value{};
  if (!opened) {
    const auto ec = opened.error();
    const bool timed_out = ec == http::errc::connect_timeout || ec == http::errc::response_timeout;
    metrics_.upstream_error(worker, timed_out ? upstream_failure::timeout
                                    : ec == http::errc::connection_closed
                                        ? upstream_failure::protocol
                                        : upstream_failure::connect);
    spdlog::warn("upstream {} for {}: {}", upstream.origin(), rec.path, ec.message());
    co_await answer(
        json_response(timed_out ? http::status::gateway_timeout : http::status::bad_gateway,
                      rpc_error_body(rpc_id, -32603,
                                     timed_out ? "upstream MCP server timed out"
                                               : "upstream MCP server unavailable"),
                      cors_headers));
    co_return nullptr;
  }
  metrics_.upstream_latency(worker, std::chrono::duration<double>(*rec.upstream_time).count());
  auto& stream = *opened;
  const auto& up = stream.header();
  http::stream_header out{up.result(), 11};
  copy_end_to_end_fields(up, out);
  if (snap->cors) {
    for (auto it = out.begin(); it != out.end();) {
      it = is_cors_response_field(it->name()) ? out.erase(it) : std::next(it);
    }
    for (const auto& [name, value] : cors_headers) {
      out.insert(name, value);
    }
  }
  const std::string_view content_type = http::value_of(up, http::field::content_type);
  const bool sse = core::istarts_with(content_type, "text/event-stream");
  const bool json = core::istarts_with(content_type, "application/json");
  const mcp::list_kind list =
      inspected && !snap->rules.empty() && info.kind == mcp::message_kind::request
          ? info.filterable
          : mcp::list_kind::none;
  cel::request_fields request_vars;
  bind(request_vars);
  auto visible = [&, list](std::string_view name) {
    return list_entry_visible(*snap, request_vars, list, name);
  };

  // Reads the whole body (bounded); false when it is too large or the upstream failed.
  auto read_all = [&](std::string& body) -> http::task<bool> {
    while (!stream.done()) {
      auto n = co_await stream.read_some(body, 64 * 1024);
      if (!n || body.size() > cfg.limits.max_response_body_bytes) {
        co_return false;
      }
    }
    co_return true;
  };
  auto bad_gateway = [&](std::string_view why) {
    metrics_.upstream_error(worker, upstream_failure::protocol);
    spdlog::warn("upstream {} for {}: {}", upstream.origin(), rec.path, why);
    return json_response(http::status::bad_gateway, rpc_error_body(rpc_id, -32603, why),
                         cors_headers);
  };

  // What the gateway must read to filter (a list answer, a resumed stream) must come in a form
  // it reads: uncompressed (it asks for identity), and for a successful list answer JSON or an
  // event stream. Anything else could carry the list past the filter.
  const bool replays = sse && req.method() == http::verb::get && !snap->rules.empty() &&
                       req.find("Last-Event-ID") != req.end();
  if (list != mcp::list_kind::none || replays) {
    const auto coding = http::value_of(up, http::field::content_encoding);
    const bool success = up.result_int() >= 200 && up.result_int() < 300;
    if ((!coding.empty() && !core::iequals(coding, "identity")) ||
        (list != mcp::list_kind::none && success && !json && !sse)) {
      stream.close();
      co_await answer(bad_gateway("upstream list response in a form the gateway cannot filter"));
      co_return nullptr;
    }
  }
  const auto* content_length = http::first_of(up, http::field::content_length);
  if (list != mcp::list_kind::none && json) {
    std::string body;
    if (!co_await read_all(body)) {
      stream.close();
      co_await answer(bad_gateway("upstream list response unreadable or too large"));
      co_return nullptr;
    }
    auto filtered = filter_list(body, list, visible, &w.lists);
    if (!filtered) {
      co_await answer(bad_gateway("upstream list response could not be filtered"));
      co_return nullptr;
    }
    http::response res{up.result(), 11};
    res.base() = std::move(out.base());
    res.body() = std::move(filtered->body);
    co_await answer(std::move(res));
    co_return nullptr;
  }
  if (!sse && content_length) {
    const auto length =
        std::strtoull(std::string{sv(content_length->value())}.c_str(), nullptr, 10);
    if (length <= buffer_small_bodies) {
      std::string body;
      if (!co_await read_all(body)) {
        stream.close();
        co_await answer(bad_gateway("upstream response unreadable"));
        co_return nullptr;
      }
      http::response res{up.result(), 11};
      res.base() = std::move(out.base());
      res.body() = std::move(body);
      co_await answer(std::move(res));
      co_return nullptr;
    }
  }

  // Streamed: SSE, or a large or unsized body. The first byte goes out as soon as it arrives.
  const unsigned status = out.result_int();
  if (co_await ex.begin_stream(std::move(out))) {
    stream.close();
    finish(status);
    co_return nullptr;
  }
  auto relay = std::make_unique<stream_relay>(
      stream_relay{snap, who, std::move(stream), nullptr, std::move(rec), started, status});
  // A POST's stream answers its own list request. A GET stream carries what the server sends on
  // its own, never a response (MCP, Streamable HTTP), except when the client resumes a broken
  // stream with Last-Event-ID: then the server replays the responses of earlier requests, lists
  // among them, and each list there is filtered too. (Only then: parsing every event of a plain
  // GET stream would cost ~0.7 µs per event.)
  if (sse && (list != mcp::list_kind::none || replays)) {
    http::sse_limits sl;
    sl.max_event_bytes = cfg.limits.max_sse_event_bytes;
    // By value: the rewriter outlives this frame. The variables view the request and the
    // connection, which the exchange keeps, the caller (held by the relay) and the headers
    // (held here). An entry stays when the POST that would use it is allowed.
    cel::request_fields vars = request_vars;
    vars.http_method = "POST";
    auto keep = [snap = relay->snap.get(), vars, headers](mcp::list_kind kind,
                                                          std::string_view name) {
      return list_entry_visible(*snap, vars, kind, name);
    };
    relay->rewriter =
        list != mcp::list_kind::none
            ? std::make_unique<sse_list_rewriter>(
                  rpc_id, list, [keep, list](std::string_view name) { return keep(list, name); },
                  sl, &w.lists)
            : std::make_unique<sse_list_rewriter>(keep, sl, &w.lists);
  }
  co_return relay;
}

http::task<void> pipeline::relay_body(http::exchange& ex, stream_relay& r) {
  auto& stream = r.stream;
  std::string piece;
  std::string filtered;
  // A client that goes away cancels the upstream read, so a disconnect releases the upstream.
  // (Racing each read against wait_client_gone() with || cost two spawned coroutines and 2.5 KiB
  // per waiting stream, and a parallel group per relayed piece.)
  ex.on_client_gone([&stream] { stream.cancel(); });
  while (!stream.done() && !ex.client_gone()) {
    piece.clear();
    auto n = co_await stream.read_some(piece);
    if (ex.client_gone()) {
      stream.close();
      break;
    }
    if (!n || *n == 0) {
      if (!n) {
        stream.close();
      }
      break;
    }
    std::string_view chunk = piece;
    if (r.rewriter) {
      filtered.clear();
      if (r.rewriter->feed(piece, filtered)) {
        stream.close();
        break;
      }
      chunk = filtered;
    }
    if (!chunk.empty() && co_await ex.write(chunk)) {
      stream.close();
      break;
    }
  }
  ex.on_client_gone({});
  co_await ex.finish();
  log_answer(metrics_, access_log_.get(), ex, r.rec, r.status, r.started);
}

}  // namespace mcpgate::gateway
