#include "mcp/model.hpp"

#include <array>
#include <utility>

namespace mcpgate::mcp {

namespace bj = boost::json;

namespace {

void put_if(bj::object& o, std::string_view key, std::string_view value) {
  if (!value.empty()) {
    o[key] = value;
  }
}

}  // namespace

bool tool_annotations::empty() const noexcept {
  return !title && !read_only_hint && !destructive_hint && !idempotent_hint && !open_world_hint;
}

bj::object tool_annotations::to_json() const {
  bj::object o;
  if (title) {
    o["title"] = *title;
  }
  if (read_only_hint) {
    o["readOnlyHint"] = *read_only_hint;
  }
  if (destructive_hint) {
    o["destructiveHint"] = *destructive_hint;
  }
  if (idempotent_hint) {
    o["idempotentHint"] = *idempotent_hint;
  }
  if (open_world_hint) {
    o["openWorldHint"] = *open_world_hint;
  }
  return o;
}

bj::object tool::to_json() const {
  bj::object o;
  o["name"] = name;
  put_if(o, "title", title);
  put_if(o, "description", description);
  o["inputSchema"] = input_schema.empty() ? bj::object{{"type", "object"}} : input_schema;
  if (output_schema) {
    o["outputSchema"] = *output_schema;
  }
  if (!annotations.empty()) {
    o["annotations"] = annotations.to_json();
  }
  return o;
}

bj::object prompt::to_json() const {
  bj::object o;
  o["name"] = name;
  put_if(o, "title", title);
  put_if(o, "description", description);
  if (!arguments.empty()) {
    bj::array args;
    for (const auto& a : arguments) {
      bj::object arg;
      arg["name"] = a.name;
      put_if(arg, "description", a.description);
      arg["required"] = a.required;
      args.push_back(std::move(arg));
    }
    o["arguments"] = std::move(args);
  }
  return o;
}

bj::object resource::to_json() const {
  bj::object o;
  o["uri"] = uri;
  o["name"] = name;
  put_if(o, "title", title);
  put_if(o, "description", description);
  put_if(o, "mimeType", mime_type);
  return o;
}

bj::object resource_template::to_json() const {
  bj::object o;
  o["uriTemplate"] = uri_template;
  o["name"] = name;
  put_if(o, "title", title);
  put_if(o, "description", description);
  put_if(o, "mimeType", mime_type);
  return o;
}

bj::object implementation::to_json() const {
  bj::object o;
  o["name"] = name;
  o["version"] = version;
  put_if(o, "title", title);
  return o;
}

bj::object text_content(std::string_view text) {
  return {{"type", "text"}, {"text", text}};
}

bj::object image_content(std::string_view base64_data, std::string_view mime_type) {
  return {{"type", "image"}, {"data", base64_data}, {"mimeType", mime_type}};
}

bj::object audio_content(std::string_view base64_data, std::string_view mime_type) {
  return {{"type", "audio"}, {"data", base64_data}, {"mimeType", mime_type}};
}

bj::object text_resource_contents(std::string_view uri, std::string_view mime_type,
                                  std::string_view text) {
  return {{"uri", uri}, {"mimeType", mime_type}, {"text", text}};
}

bj::object blob_resource_contents(std::string_view uri, std::string_view mime_type,
                                  std::string_view base64_blob) {
  return {{"uri", uri}, {"mimeType", mime_type}, {"blob", base64_blob}};
}

bj::object embedded_text_resource(std::string_view uri, std::string_view mime_type,
                                  std::string_view text) {
  return {{"type", "resource"}, {"resource", text_resource_contents(uri, mime_type, text)}};
}

bj::object embedded_blob_resource(std::string_view uri, std::string_view mime_type,
                                  std::string_view base64_blob) {
  return {{"type", "resource"}, {"resource", blob_resource_contents(uri, mime_type, base64_blob)}};
}

tool_result tool_result::text(std::string_view text) {
  tool_result r;
  r.content.push_back(text_content(text));
  return r;
}

tool_result tool_result::error(std::string_view text) {
  tool_result r = tool_result::text(text);
  r.is_error = true;
  return r;
}

bj::object tool_result::to_json() const {
  bj::object o;
  o["content"] = content;
  if (structured_content) {
    o["structuredContent"] = *structured_content;
  }
  if (is_error) {
    o["isError"] = true;
  }
  return o;
}

namespace {

constexpr std::array<std::string_view, 8> level_names{"debug", "info",     "notice", "warning",
                                                      "error", "critical", "alert",  "emergency"};

}  // namespace

std::optional<log_level> parse_log_level(std::string_view name) noexcept {
  for (std::size_t i = 0; i < level_names.size(); ++i) {
    if (level_names[i] == name) {
      return static_cast<log_level>(i);
    }
  }
  return std::nullopt;
}

std::string_view to_string(log_level level) noexcept {
  return level_names[static_cast<std::size_t>(level)];
}

bj::object progress_params(const bj::value& token, double progress, std::optional<double> total,
                           std::string_view message) {
  bj::object o;
  o["progressToken"] = token;
  o["progress"] = progress;
  if (total) {
    o["total"] = *total;
  }
  put_if(o, "message", message);
  return o;
}

bj::object log_message_params(log_level level, bj::value data, std::string_view logger) {
  bj::object o;
  o["level"] = to_string(level);
  put_if(o, "logger", logger);
  o["data"] = std::move(data);
  return o;
}

}  // namespace mcpgate::mcp
