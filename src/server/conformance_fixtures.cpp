#include "server/conformance_fixtures.hpp"

#include "json/access.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <utility>

namespace mcpgate::server {

namespace bj = boost::json;
using namespace std::chrono_literals;
using http::task;
using mcp::tool_result;

namespace {

// A 1x1 red PNG and a 16-sample silent 8 kHz WAV: the smallest valid media of each kind.
constexpr std::string_view png_base64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg"
    "==";
constexpr std::string_view wav_base64 =
    "UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA";

const bj::object no_args{{"type", "object"}, {"properties", bj::object{}}};

bj::object schema(std::string_view text) {
  return bj::parse(text).as_object();
}

mcp::tool make_tool(std::string name, std::string description, bj::object input = no_args) {
  mcp::tool t;
  t.name = std::move(name);
  t.description = std::move(description);
  t.input_schema = std::move(input);
  return t;
}

std::string describe_reply(const client_reply& reply) {
  if (!reply) {
    return "error " + std::to_string(reply.error.code) + ": " + reply.error.message;
  }
  return bj::serialize(*reply.result);
}

void add_content_tools(registry& reg) {
  reg.add_tool(make_tool("test_simple_text", "Returns simple text content"),
               [](const bj::object&, request_context&) -> task<tool_result> {
                 co_return tool_result::text("This is a simple text response for testing.");
               });
  reg.add_tool(make_tool("test_image_content", "Returns image content"),
               [](const bj::object&, request_context&) -> task<tool_result> {
                 tool_result r;
                 r.content.push_back(mcp::image_content(png_base64, "image/png"));
                 co_return r;
               });
  reg.add_tool(make_tool("test_audio_content", "Returns audio content"),
               [](const bj::object&, request_context&) -> task<tool_result> {
                 tool_result r;
                 r.content.push_back(mcp::audio_content(wav_base64, "audio/wav"));
                 co_return r;
               });
  reg.add_tool(
      make_tool("test_embedded_resource", "Returns an embedded resource"),
      [](const bj::object&, request_context&) -> task<tool_result> {
        tool_result r;
        r.content.push_back(mcp::embedded_text_resource("test://embedded-resource", "text/plain",
                                                        "This is an embedded resource content."));
        co_return r;
      });
  reg.add_tool(
      make_tool("test_multiple_content_types", "Returns text, image and resource"),
      [](const bj::object&, request_context&) -> task<tool_result> {
        tool_result r;
        r.content.push_back(mcp::text_content("Multiple content types test:"));
        r.content.push_back(mcp::image_content(png_base64, "image/png"));
        r.content.push_back(mcp::embedded_text_resource(
            "test://mixed-content-resource", "application/json", R"({"test":"data","value":123})"));
        co_return r;
      });
  reg.add_tool(
      make_tool("test_error_handling", "Always fails with a tool error"),
      [](const bj::object&, request_context&) -> task<tool_result> {
        co_return tool_result::error("This tool intentionally returns an error for testing");
      });
  reg.add_tool(make_tool("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features",
                         schema(R"({"$schema":"https://json-schema.org/draft/2020-12/schema",
                  "type":"object","$defs":{"address":{"type":"object","properties":{
                  "street":{"type":"string"},"city":{"type":"string"}}}},
                  "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
                  "additionalProperties":false})")),
               [](const bj::object& args, request_context&) -> task<tool_result> {
                 co_return tool_result::text("Received: " + bj::serialize(args));
               });
}

void add_streaming_tools(registry& reg) {
  reg.add_tool(make_tool("test_tool_with_logging", "Sends three log messages while it runs"),
               [](const bj::object&, request_context& ctx) -> task<tool_result> {
                 co_await ctx.log(mcp::log_level::info, "Tool execution started");
                 co_await ctx.sleep(50ms);
                 co_await ctx.log(mcp::log_level::info, "Tool processing data");
                 co_await ctx.sleep(50ms);
                 co_await ctx.log(mcp::log_level::info, "Tool execution completed");
                 co_return tool_result::text("Tool with logging executed successfully");
               });
  reg.add_tool(make_tool("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100"),
               [](const bj::object&, request_context& ctx) -> task<tool_result> {
                 co_await ctx.progress(0, 100);
                 co_await ctx.sleep(50ms);
                 co_await ctx.progress(50, 100);
                 co_await ctx.sleep(50ms);
                 co_await ctx.progress(100, 100);
                 co_return tool_result::text("Tool with progress executed successfully");
               });
  reg.add_tool(make_tool("test_reconnection", "Answers after a short delay (SSE polling test)"),
               [](const bj::object&, request_context& ctx) -> task<tool_result> {
                 co_await ctx.sleep(100ms);
                 co_return tool_result::text("Reconnection test completed successfully");
               });
}

task<tool_result> elicit(request_context& ctx, bj::object params) {
  client_reply reply = co_await ctx.ask_client("elicitation/create", std::move(params));
  if (!reply) {
    co_return tool_result::error("Elicitation failed: " + describe_reply(reply));
  }
  const bj::object* r = reply.result->if_object();
  const bj::string* action = r != nullptr ? json::find_string(*r, "action") : nullptr;
  const bj::object* content = r != nullptr ? json::find_object(*r, "content") : nullptr;
  co_return tool_result::text("Elicitation completed: action=" +
                              std::string{action != nullptr ? json::view(*action) : "unknown"} +
                              ", content=" + (content != nullptr ? bj::serialize(*content) : "{}"));
}

void add_client_request_tools(registry& reg) {
  reg.add_tool(make_tool("test_sampling", "Asks the client's LLM to answer a prompt",
                         schema(R"({"type":"object","properties":{"prompt":{"type":"string"}},
                           "required":["prompt"]})")),
               [](const bj::object& args, request_context& ctx) -> task<tool_result> {
                 bj::object params;
                 params["messages"] = bj::array{bj::object{
                     {"role", "user"},
                     {"content", mcp::text_content(json::view(args.at("prompt").get_string()))}}};
                 params["maxTokens"] = 100;
                 client_reply reply =
                     co_await ctx.ask_client("sampling/createMessage", std::move(params));
                 if (!reply) {
                   co_return tool_result::error("Sampling failed: " + describe_reply(reply));
                 }
                 std::string text = describe_reply(reply);
                 if (const bj::object* r = reply.result->if_object()) {
                   if (const bj::object* c = json::find_object(*r, "content")) {
                     if (const bj::string* t = json::find_string(*c, "text")) {
                       text = std::string{json::view(*t)};
                     }
                   }
                 }
                 co_return tool_result::text("LLM response: " + text);
               });
  reg.add_tool(make_tool("test_elicitation", "Asks the user for a username and email",
                         schema(R"({"type":"object","properties":{"message":{"type":"string"}},
                           "required":["message"]})")),
               [](const bj::object& args, request_context& ctx) -> task<tool_result> {
                 bj::object params;
                 params["message"] = args.at("message");
                 params["requestedSchema"] = schema(R"({"type":"object","properties":{
            "username":{"type":"string","description":"User's response"},
            "email":{"type":"string","description":"User's email address"}},
            "required":["username","email"]})");
                 co_return co_await elicit(ctx, std::move(params));
               });
  reg.add_tool(
      make_tool("test_elicitation_sep1034_defaults", "Elicitation with defaults (SEP-1034)"),
      [](const bj::object&, request_context& ctx) -> task<tool_result> {
        bj::object params;
        params["message"] = "Please review and update the form fields with defaults";
        params["requestedSchema"] = schema(R"({"type":"object","properties":{
            "name":{"type":"string","description":"User name","default":"John Doe"},
            "age":{"type":"integer","description":"User age","default":30},
            "score":{"type":"number","description":"User score","default":95.5},
            "status":{"type":"string","description":"User status",
                      "enum":["active","inactive","pending"],"default":"active"},
            "verified":{"type":"boolean","description":"Verification status","default":true}},
            "required":[]})");
        co_return co_await elicit(ctx, std::move(params));
      });
  reg.add_tool(
      make_tool("test_elicitation_sep1330_enums", "Elicitation with enum variants (SEP-1330)"),
      [](const bj::object&, request_context& ctx) -> task<tool_result> {
        bj::object params;
        params["message"] = "Please select options from the enum fields";
        params["requestedSchema"] = schema(R"({"type":"object","properties":{
            "untitledSingle":{"type":"string","enum":["option1","option2","option3"]},
            "titledSingle":{"type":"string","oneOf":[{"const":"value1","title":"First Option"},
                {"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
            "legacyEnum":{"type":"string","enum":["opt1","opt2","opt3"],
                "enumNames":["Option One","Option Two","Option Three"]},
            "untitledMulti":{"type":"array","items":{"type":"string",
                "enum":["option1","option2","option3"]}},
            "titledMulti":{"type":"array","items":{"anyOf":[{"const":"value1","title":"First Choice"},
                {"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}},
            "required":[]})");
        co_return co_await elicit(ctx, std::move(params));
      });
}

void add_resources(registry& reg) {
  reg.add_resource(
      {"test://static-text", "static-text", "", "A static text resource", "text/plain"},
      [](std::string_view uri, const uri_variables&) -> std::optional<bj::array> {
        return bj::array{mcp::text_resource_contents(
            uri, "text/plain", "This is the content of the static text resource.")};
      });
  reg.add_resource(
      {"test://static-binary", "static-binary", "", "A static binary resource (PNG)", "image/png"},
      [](std::string_view uri, const uri_variables&) -> std::optional<bj::array> {
        return bj::array{mcp::blob_resource_contents(uri, "image/png", png_base64)};
      });
  reg.add_resource({"test://watched-resource", "watched-resource", "",
                    "A resource clients may subscribe to", "text/plain"},
                   [](std::string_view uri, const uri_variables&) -> std::optional<bj::array> {
                     return bj::array{mcp::text_resource_contents(uri, "text/plain",
                                                                  "Watched resource content")};
                   });
  reg.add_template(
      {"test://template/{id}/data", "template-data", "", "Data for an id", "application/json"},
      [](std::string_view uri, const uri_variables& vars) -> std::optional<bj::array> {
        const std::string& id = vars.at("id");
        bj::object body{{"id", id}, {"templateTest", true}, {"data", "Data for ID: " + id}};
        return bj::array{mcp::text_resource_contents(uri, "application/json", bj::serialize(body))};
      },
      [](std::string_view, std::string_view typed) {
        std::vector<std::string> out;
        for (std::string v : {"123", "456", "789"}) {
          if (v.starts_with(typed)) {
            out.push_back(std::move(v));
          }
        }
        return out;
      });
}

void add_prompts(registry& reg) {
  reg.add_prompt(
      {"test_simple_prompt", "", "A simple prompt without arguments", {}}, [](const bj::object&) {
        return bj::object{
            {"messages",
             bj::array{bj::object{
                 {"role", "user"},
                 {"content", mcp::text_content("This is a simple prompt for testing.")}}}}};
      });
  reg.add_prompt(
      {"test_prompt_with_arguments",
       "",
       "A prompt with two required arguments",
       {{"arg1", "First test argument", true}, {"arg2", "Second test argument", true}}},
      [](const bj::object& args) {
        const std::string text = "Prompt with arguments: arg1='" +
                                 std::string{args.at("arg1").get_string()} + "', arg2='" +
                                 std::string{args.at("arg2").get_string()} + "'";
        return bj::object{
            {"messages",
             bj::array{bj::object{{"role", "user"}, {"content", mcp::text_content(text)}}}}};
      },
      [](std::string_view, std::string_view typed) {
        std::vector<std::string> out;
        for (std::string v : {"paris", "park", "party", "test", "testing"}) {
          if (v.starts_with(typed)) {
            out.push_back(std::move(v));
          }
        }
        return out;
      });
  reg.add_prompt(
      {"test_prompt_with_embedded_resource",
       "",
       "A prompt embedding a resource",
       {{"resourceUri", "URI of the resource to embed", true}}},
      [](const bj::object& args) {
        const std::string_view uri = json::view(args.at("resourceUri").get_string());
        bj::array messages;
        messages.push_back(bj::object{
            {"role", "user"},
            {"content", mcp::embedded_text_resource(uri, "text/plain",
                                                    "Embedded resource content for testing.")}});
        messages.push_back(bj::object{
            {"role", "user"},
            {"content", mcp::text_content("Please process the embedded resource above.")}});
        return bj::object{{"messages", std::move(messages)}};
      });
  reg.add_prompt(
      {"test_prompt_with_image", "", "A prompt with an image", {}}, [](const bj::object&) {
        bj::array messages;
        messages.push_back(
            bj::object{{"role", "user"}, {"content", mcp::image_content(png_base64, "image/png")}});
        messages.push_back(bj::object{
            {"role", "user"}, {"content", mcp::text_content("Please analyze the image above.")}});
        return bj::object{{"messages", std::move(messages)}};
      });
}

}  // namespace

void register_conformance_fixtures(registry& reg) {
  add_content_tools(reg);
  add_streaming_tools(reg);
  add_client_request_tools(reg);
  add_resources(reg);
  add_prompts(reg);
}

}  // namespace mcpgate::server
