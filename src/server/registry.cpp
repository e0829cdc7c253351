#include "server/registry.hpp"

#include <stdexcept>
#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;

namespace {

template <class Vec, class Key>
auto* find_by(const Vec& v, Key key) {
  for (const auto& entry : v) {
    if (key(entry)) {
      return &entry;
    }
  }
  return static_cast<const typename Vec::value_type*>(nullptr);
}

void refuse_duplicate(bool exists, std::string_view what, std::string_view name) {
  if (exists) {
    throw std::invalid_argument(std::string{what} + " registered twice: " + std::string{name});
  }
}

}  // namespace

void registry::add_tool(mcp::tool definition, tool_handler handler) {
  refuse_duplicate(find_tool(definition.name) != nullptr, "tool", definition.name);
  tools_.push_back({std::move(definition), std::move(handler)});
}

void registry::add_prompt(mcp::prompt definition, prompt_handler handler, completer complete) {
  refuse_duplicate(find_prompt(definition.name) != nullptr, "prompt", definition.name);
  prompts_.push_back({std::move(definition), std::move(handler), std::move(complete)});
}

void registry::add_resource(mcp::resource definition, resource_reader reader) {
  const bool dup = find_by(resources_, [&](const registered_resource& r) {
                     return r.definition.uri == definition.uri;
                   }) != nullptr;
  refuse_duplicate(dup, "resource", definition.uri);
  resources_.push_back({std::move(definition), std::move(reader)});
}

void registry::add_template(mcp::resource_template definition, resource_reader reader,
                            completer complete) {
  refuse_duplicate(find_template(definition.uri_template) != nullptr, "resource template",
                   definition.uri_template);
  templates_.push_back({std::move(definition), std::move(reader), std::move(complete)});
}

const registered_tool* registry::find_tool(std::string_view name) const {
  return find_by(tools_, [&](const registered_tool& t) { return t.definition.name == name; });
}

const registered_prompt* registry::find_prompt(std::string_view name) const {
  return find_by(prompts_, [&](const registered_prompt& p) { return p.definition.name == name; });
}

const registered_template* registry::find_template(std::string_view uri_template) const {
  return find_by(templates_, [&](const registered_template& t) {
    return t.definition.uri_template == uri_template;
  });
}

std::optional<bj::array> registry::read(std::string_view uri) const {
  for (const auto& r : resources_) {
    if (r.definition.uri == uri) {
      return r.reader(uri, {});
    }
  }
  for (const auto& t : templates_) {
    if (auto vars = match_uri_template(t.definition.uri_template, uri)) {
      return t.reader(uri, *vars);
    }
  }
  return std::nullopt;
}

bj::array registry::list_tools() const {
  bj::array out;
  for (const auto& t : tools_) {
    out.push_back(t.definition.to_json());
  }
  return out;
}

bj::array registry::list_prompts() const {
  bj::array out;
  for (const auto& p : prompts_) {
    out.push_back(p.definition.to_json());
  }
  return out;
}

bj::array registry::list_resources() const {
  bj::array out;
  for (const auto& r : resources_) {
    out.push_back(r.definition.to_json());
  }
  return out;
}

bj::array registry::list_templates() const {
  bj::array out;
  for (const auto& t : templates_) {
    out.push_back(t.definition.to_json());
  }
  return out;
}

std::optional<uri_variables> match_uri_template(std::string_view tpl, std::string_view uri) {
  uri_variables vars;
  while (!tpl.empty()) {
    const std::size_t open = tpl.find('{');
    const std::string_view literal = tpl.substr(0, open);
    if (!uri.starts_with(literal)) {
      return std::nullopt;
    }
    uri.remove_prefix(literal.size());
    if (open == std::string_view::npos) {
      tpl = {};
      break;
    }
    const std::size_t close = tpl.find('}', open);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view name = tpl.substr(open + 1, close - open - 1);
    tpl.remove_prefix(close + 1);
    // A variable ends at '/' or at the first character of the literal that follows it.
    const char stop = !tpl.empty() && tpl.front() != '{' ? tpl.front() : '/';
    std::size_t end = 0;
    while (end < uri.size() && uri[end] != '/' && uri[end] != stop) {
      ++end;
    }
    if (end == 0) {
      return std::nullopt;
    }
    vars.emplace(std::string{name}, std::string{uri.substr(0, end)});
    uri.remove_prefix(end);
  }
  if (!uri.empty()) {
    return std::nullopt;
  }
  return vars;
}

}  // namespace mcpgate::server
