#include "mcp/jsonrpc.hpp"

#include "json/access.hpp"

#include <utility>

namespace mcpgate::mcp {

namespace bj = boost::json;

namespace {

message_error refuse(errc e, std::string detail = {}, bj::value id = nullptr) {
  return {make_error_code(e), std::move(detail), std::move(id)};
}

}  // namespace

std::string_view to_string(message_kind k) noexcept {
  switch (k) {
    case message_kind::request:
      return "request";
    case message_kind::notification:
      return "notification";
    case message_kind::response:
      return "response";
    case message_kind::error_response:
      return "error";
  }
  return "unknown";
}

bool is_valid_id(const bj::value& id) noexcept {
  // MCP narrows JSON-RPC: ids are strings or integers, never null or fractional.
  return id.is_string() || id.is_int64() || id.is_uint64();
}

result<message, message_error> parse_message(std::string_view text, const message_limits& lim,
                                             const bj::storage_ptr& sp) {
  json::limits jl;
  jl.max_bytes = lim.max_bytes;
  jl.max_depth = lim.max_depth;
  auto parsed = json::parse(text, jl, sp);
  if (!parsed) {
    return refuse(errc::not_json, parsed.error().message());
  }
  return validate_message(std::move(*parsed));
}

result<message, message_error> validate_message(bj::value&& v) {
  if (v.is_array()) {
    return refuse(errc::batch_not_supported);
  }
  bj::object* obj = v.if_object();
  if (obj == nullptr) {
    return refuse(errc::not_an_object);
  }
  // Read the id first so that every later refusal can echo it.
  bj::value id(v.storage());
  const bj::value* raw_id = obj->if_contains("id");
  const bool id_ok = raw_id != nullptr && is_valid_id(*raw_id);
  if (id_ok) {
    id = *raw_id;
  }
  const bj::string* version = json::find_string(*obj, "jsonrpc");
  if (version == nullptr || *version != "2.0") {
    return refuse(errc::bad_jsonrpc_version, {}, id);
  }

  message m{v.storage()};
  const bj::value* method = obj->if_contains("method");
  if (method != nullptr) {
    if (!method->is_string()) {
      return refuse(errc::bad_method, {}, id);
    }
    if (obj->contains("result") || obj->contains("error")) {
      return refuse(errc::bad_response, "a request carries no result or error", id);
    }
    if (raw_id != nullptr && !id_ok) {
      return refuse(errc::bad_id);
    }
    m.kind = raw_id != nullptr ? message_kind::request : message_kind::notification;
    m.id = std::move(id);
    m.method = std::string{method->get_string()};
    if (bj::value* params = obj->if_contains("params")) {
      bj::object* p = params->if_object();
      if (p == nullptr) {
        return refuse(errc::bad_params, {}, m.id);
      }
      m.params = std::move(*p);
      m.has_params = true;
    }
    return m;
  }

  bj::value* res = obj->if_contains("result");
  bj::value* err = obj->if_contains("error");
  if ((res == nullptr) == (err == nullptr)) {
    return refuse(errc::bad_response, {}, id);
  }
  if (res != nullptr) {
    if (!id_ok) {
      return refuse(errc::bad_id, "a result needs the id of its request");
    }
    m.kind = message_kind::response;
    m.id = std::move(id);
    m.result = std::move(*res);
    return m;
  }
  // An error answering an unreadable request carries a null id (JSON-RPC 2.0 §5).
  if (raw_id == nullptr || !(id_ok || raw_id->is_null())) {
    return refuse(errc::bad_id, {}, id);
  }
  const bj::object* e = err->if_object();
  const auto code = e != nullptr ? json::find_int64(*e, "code") : std::nullopt;
  const bj::string* text = e != nullptr ? json::find_string(*e, "message") : nullptr;
  if (!code || text == nullptr) {
    return refuse(errc::bad_error_object, {}, id);
  }
  m.kind = message_kind::error_response;
  m.id = std::move(id);
  m.error.code = *code;
  m.error.message = std::string{json::view(*text)};
  if (const bj::value* data = e->if_contains("data")) {
    m.error.data = *data;
  }
  return m;
}

bj::object make_request(const bj::value& id, std::string_view method, bj::object params) {
  bj::object out;
  out["jsonrpc"] = "2.0";
  out["id"] = id;
  out["method"] = method;
  out["params"] = std::move(params);
  return out;
}

bj::object make_notification(std::string_view method, bj::object params) {
  bj::object out;
  out["jsonrpc"] = "2.0";
  out["method"] = method;
  if (!params.empty()) {
    out["params"] = std::move(params);
  }
  return out;
}

bj::object make_result(const bj::value& id, bj::value result) {
  bj::object out;
  out["jsonrpc"] = "2.0";
  out["id"] = id;
  out["result"] = std::move(result);
  return out;
}

bj::object make_error(const bj::value& id, std::int64_t code, std::string_view message,
                      bj::value data) {
  bj::object err;
  err["code"] = code;
  err["message"] = message;
  if (!data.is_null()) {
    err["data"] = std::move(data);
  }
  bj::object out;
  out["jsonrpc"] = "2.0";
  out["id"] = id;
  out["error"] = std::move(err);
  return out;
}

bj::object make_error(const bj::value& id, rpc_code code, std::string_view message,
                      bj::value data) {
  return make_error(id, static_cast<std::int64_t>(code), message, std::move(data));
}

bj::object make_error(const message_error& e) {
  return make_error(e.id, e.rpc(), e.message());
}

}  // namespace mcpgate::mcp
