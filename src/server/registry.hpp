#pragma once

// The tools, prompts, resources and resource templates a server offers, each with its handler.
// Filled at start-up (adding throws on a duplicate name), then only read.

#include "http/message.hpp"
#include "mcp/model.hpp"
#include "server/context.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpgate::server {

// A tool: arguments were checked against the input schema before the call.
using tool_handler =
    std::function<http::task<mcp::tool_result>(const boost::json::object& args, request_context&)>;

// A prompt: returns GetPromptResult (messages, optional description). Required arguments were
// checked to be present strings before the call.
using prompt_handler = std::function<boost::json::object(const boost::json::object& args)>;

// Template variables of a matched resource URI ("{id}" → "123").
using uri_variables = std::map<std::string, std::string, std::less<>>;

// A resource reader: the `contents` array, or nullopt when the URI names nothing.
using resource_reader =
    std::function<std::optional<boost::json::array>(std::string_view uri, const uri_variables&)>;

// Completion for one argument: candidate values for what the user typed so far.
using completer =
    std::function<std::vector<std::string>(std::string_view argument, std::string_view typed)>;

struct registered_tool {
  mcp::tool definition;
  tool_handler handler;
};

struct registered_prompt {
  mcp::prompt definition;
  prompt_handler handler;
  completer complete;
};

struct registered_resource {
  mcp::resource definition;
  resource_reader reader;
};

struct registered_template {
  mcp::resource_template definition;
  resource_reader reader;
  completer complete;
};

class registry {
 public:
  void add_tool(mcp::tool definition, tool_handler handler);
  void add_prompt(mcp::prompt definition, prompt_handler handler, completer complete = {});
  void add_resource(mcp::resource definition, resource_reader reader);
  void add_template(mcp::resource_template definition, resource_reader reader,
                    completer complete = {});

  const registered_tool* find_tool(std::string_view name) const;
  const registered_prompt* find_prompt(std::string_view name) const;
  const registered_template* find_template(std::string_view uri_template) const;

  // Reads `uri` from a static resource or the first template that matches it.
  std::optional<boost::json::array> read(std::string_view uri) const;

  boost::json::array list_tools() const;
  boost::json::array list_prompts() const;
  boost::json::array list_resources() const;
  boost::json::array list_templates() const;

  bool has_tools() const noexcept { return !tools_.empty(); }
  bool has_prompts() const noexcept { return !prompts_.empty(); }
  bool has_resources() const noexcept { return !resources_.empty() || !templates_.empty(); }

 private:
  // Insertion order is kept: lists come out in the order tools were registered.
  std::vector<registered_tool> tools_;
  std::vector<registered_prompt> prompts_;
  std::vector<registered_resource> resources_;
  std::vector<registered_template> templates_;
};

// Matches `uri` against an RFC 6570 level-1 template ("test://template/{id}/data"): each
// "{name}" takes a non-empty run of characters up to the next '/' or the next literal character.
// nullopt when it does not match.
std::optional<uri_variables> match_uri_template(std::string_view uri_template,
                                                std::string_view uri);

}  // namespace mcpgate::server
