#pragma once

// The MCP data model (MCP 2025-11-25, schema.ts) as far as a server builds or reads it. Each
// type converts to the JSON object the specification names; fields left unset are omitted.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::mcp {

// Hints about a tool's behaviour (untrusted by clients unless the server is trusted).
struct tool_annotations {
  std::optional<std::string> title;
  std::optional<bool> read_only_hint;
  std::optional<bool> destructive_hint;
  std::optional<bool> idempotent_hint;
  std::optional<bool> open_world_hint;

  bool empty() const noexcept;
  boost::json::object to_json() const;
};

struct tool {
  std::string name;
  std::string title;  // optional display name
  std::string description;
  // A JSON Schema object (2020-12 by default); kept verbatim so keywords like $schema and $defs
  // survive (SEP-1613).
  boost::json::object input_schema;
  std::optional<boost::json::object> output_schema;
  tool_annotations annotations;

  boost::json::object to_json() const;
};

struct prompt_argument {
  std::string name;
  std::string description;
  bool required = false;
};

struct prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<prompt_argument> arguments;

  boost::json::object to_json() const;
};

struct resource {
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;

  boost::json::object to_json() const;
};

struct resource_template {
  std::string uri_template;  // RFC 6570 level 1: "{var}" expansions only
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;

  boost::json::object to_json() const;
};

// Name and version of a client or server ("Implementation").
struct implementation {
  std::string name;
  std::string version;
  std::string title;

  boost::json::object to_json() const;
};

// Content blocks (tool results, prompt messages).
boost::json::object text_content(std::string_view text);
boost::json::object image_content(std::string_view base64_data, std::string_view mime_type);
boost::json::object audio_content(std::string_view base64_data, std::string_view mime_type);
// An embedded resource holding text, or a blob (base64).
boost::json::object embedded_text_resource(std::string_view uri, std::string_view mime_type,
                                           std::string_view text);
boost::json::object embedded_blob_resource(std::string_view uri, std::string_view mime_type,
                                           std::string_view base64_blob);

// Resource contents for resources/read.
boost::json::object text_resource_contents(std::string_view uri, std::string_view mime_type,
                                           std::string_view text);
boost::json::object blob_resource_contents(std::string_view uri, std::string_view mime_type,
                                           std::string_view base64_blob);

// A CallToolResult. A tool's own failure is a result with isError (the model sees it and can
// correct itself), not a JSON-RPC error.
struct tool_result {
  boost::json::array content;
  std::optional<boost::json::object> structured_content;
  bool is_error = false;

  static tool_result text(std::string_view text);
  static tool_result error(std::string_view text);
  boost::json::object to_json() const;
};

// Logging levels (RFC 5424 severities, as MCP names them), least severe first.
enum class log_level { debug, info, notice, warning, error, critical, alert, emergency };

std::optional<log_level> parse_log_level(std::string_view name) noexcept;
std::string_view to_string(log_level level) noexcept;

// Notification params.
boost::json::object progress_params(const boost::json::value& token, double progress,
                                    std::optional<double> total = std::nullopt,
                                    std::string_view message = {});
boost::json::object log_message_params(log_level level, boost::json::value data,
                                       std::string_view logger = {});

// What a client declared in initialize.
struct client_capabilities {
  bool sampling = false;
  bool elicitation = false;
  bool roots = false;
};

struct initialize_request {
  std::string protocol_version;
  client_capabilities capabilities;
  implementation client_info;
};

}  // namespace mcpgate::mcp
