#include "mcp/inspect.hpp"
#include "mcp/methods.hpp"
#include "mcp/protocol.hpp"
#include "mcp/requests.hpp"

#include "json/strict.hpp"

#include <boost/json/memory_resource.hpp>
#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace mcpgate::mcp {
namespace {

TEST(Inspect, ToolCallNameAndArguments) {
  auto r = inspect(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"delete_file","arguments":{"path":"a.txt"}}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, message_kind::request);
  EXPECT_EQ(r->method_id, method::tools_call);
  EXPECT_EQ(r->tool_name, "delete_file");
  EXPECT_EQ(r->tool_arguments.at("path").as_string(), "a.txt");
  EXPECT_EQ(r->filterable, list_kind::none);
}

// Counts what is allocated from it (and frees nothing until it goes).
class counting_resource final : public boost::json::memory_resource {
 public:
  std::size_t allocations = 0;

 private:
  void* do_allocate(std::size_t n, std::size_t align) override {
    ++allocations;
    return upstream_->allocate(n, align);
  }
  void do_deallocate(void* p, std::size_t n, std::size_t align) override {
    upstream_->deallocate(p, n, align);
  }
  bool do_is_equal(const memory_resource& other) const noexcept override { return this == &other; }
  boost::json::memory_resource* upstream_ = boost::json::storage_ptr{}.get();  // the default
};

// Given a storage, the message's JSON is parsed into it and moved out of the parse, never copied:
// inspecting allocates no more than parsing does, and the result's values live in that storage.
TEST(Inspect, ResultKeepsTheStorageOfTheParse) {
  const std::string_view body =
      R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"list_files","arguments":{"path":"/some/long/directory/name","depth":{"max":3,"follow":["a","b"]}}}})";
  counting_resource parse_only;
  ASSERT_TRUE(json::parse(body, {}, &parse_only));

  counting_resource arena;
  auto r = inspect(body, {}, &arena);
  ASSERT_TRUE(r);
  EXPECT_EQ(arena.allocations, parse_only.allocations);
  EXPECT_EQ(r->tool_arguments.storage().get(), &arena);
  EXPECT_EQ(r->tool_arguments.at("depth").storage().get(), &arena);
  EXPECT_EQ(r->id.storage().get(), &arena);
  EXPECT_EQ(r->tool_arguments.at("path").as_string(), "/some/long/directory/name");

  // Without one, the default storage, as before.
  auto plain = inspect(body);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->tool_arguments.storage().get(), boost::json::storage_ptr{}.get());
}

// A const params object is copied from; an rvalue one gives its arguments up (inspect moves them
// out of the parsed message instead of copying a caller's nested arguments).
TEST(Requests, NamedCallArgumentsCopiedOrMoved) {
  const auto params =
      boost::json::parse(R"({"name":"t","arguments":{"a":{"b":[1,"x"]},"c":"d"}})").as_object();
  auto copied = parse_call_tool(params);
  ASSERT_TRUE(copied);
  EXPECT_EQ(params.at("arguments").as_object().size(), 2u);
  auto source = params;
  auto moved = parse_call_tool(std::move(source));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->name, "t");
  EXPECT_EQ(moved->arguments, copied->arguments);
  EXPECT_EQ(moved->arguments, params.at("arguments").as_object());
  auto prompt_source = params;
  auto prompt = parse_get_prompt(std::move(prompt_source));
  ASSERT_TRUE(prompt);
  EXPECT_EQ(prompt->arguments, params.at("arguments").as_object());
  auto bad = boost::json::parse(R"({"name":"t","arguments":[]})").as_object();
  EXPECT_FALSE(parse_call_tool(std::move(bad)));
}

TEST(Inspect, ToolCallWithoutNameIsInvalidParams) {
  auto r = inspect(R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":3}})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rpc(), rpc_code::invalid_params);
  EXPECT_EQ(r.error().id.as_int64(), 4);
  auto r2 = inspect(
      R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x","arguments":[]}})");
  ASSERT_FALSE(r2);
}

TEST(Inspect, PromptAndResourceTargets) {
  auto p = inspect(
      R"({"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"p1","arguments":{"a":"b"}}})");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->prompt_name, "p1");
  EXPECT_EQ(p->prompt_arguments.at("a").as_string(), "b");

  for (const char* m : {"resources/read", "resources/subscribe", "resources/unsubscribe"}) {
    std::string body = std::string{R"({"jsonrpc":"2.0","id":1,"method":")"} + m +
                       R"(","params":{"uri":"test://static-text"}})";
    auto r = inspect(body);
    ASSERT_TRUE(r) << m;
    EXPECT_EQ(r->resource_uri, "test://static-text");
  }
  EXPECT_FALSE(inspect(R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{}})"));
}

TEST(Inspect, FilterableLists) {
  const std::pair<const char*, list_kind> cases[] = {
      {"tools/list", list_kind::tools},
      {"prompts/list", list_kind::prompts},
      {"resources/list", list_kind::resources},
      {"resources/templates/list", list_kind::resource_templates},
      {"ping", list_kind::none},
  };
  for (const auto& [m, kind] : cases) {
    auto r = inspect(std::string{R"({"jsonrpc":"2.0","id":1,"method":")"} + m + R"("})");
    ASSERT_TRUE(r) << m;
    EXPECT_EQ(r->filterable, kind) << m;
  }
  // A list request without an id is no list request (RequestMethodWithoutIdIsRefused).
  auto n = inspect(R"({"jsonrpc":"2.0","method":"tools/list"})");
  ASSERT_FALSE(n);
  EXPECT_EQ(list_member(list_kind::resource_templates), "resourceTemplates");
  EXPECT_EQ(list_key(list_kind::resources), "uri");
}

TEST(Inspect, ResponsesAndUnknownMethods) {
  auto r = inspect(R"({"jsonrpc":"2.0","id":"s1","result":{"tools":[]}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, message_kind::response);
  EXPECT_TRUE(r->result.is_object());
  auto u = inspect(R"({"jsonrpc":"2.0","id":2,"method":"tasks/get","params":{}})");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->method_id, method::unknown);
  EXPECT_EQ(u->method, "tasks/get");
}

// A request method without an id would still run on a JSON-RPC server (unanswered) and skip
// authorization: refused. Notification methods and unknown ones pass as notifications.
TEST(Inspect, RequestMethodWithoutIdIsRefused) {
  for (const char* m : {"tools/call", "prompts/get", "resources/read", "resources/subscribe",
                        "tools/list", "initialize", "ping", "sampling/createMessage"}) {
    const std::string body = std::string{R"({"jsonrpc":"2.0","method":")"} + m +
                             R"(","params":{"name":"delete_file","uri":"file:///x"}})";
    auto r = inspect(body);
    ASSERT_FALSE(r) << m;
    EXPECT_EQ(r.error().code, make_error_code(errc::request_without_id)) << m;
    EXPECT_EQ(r.error().rpc(), rpc_code::invalid_request) << m;
    EXPECT_TRUE(r.error().id.is_null());
    EXPECT_EQ(r.error().message(), std::string{"a request method needs an id: "} + m);
  }
  for (const char* m : {"notifications/initialized", "notifications/cancelled", "vendor/event"}) {
    const std::string body = std::string{R"({"jsonrpc":"2.0","method":")"} + m + R"("})";
    auto r = inspect(body);
    ASSERT_TRUE(r) << m;
    EXPECT_EQ(r->kind, message_kind::notification) << m;
  }
}

// A completion names the prompt or resource (template) it completes an argument of: that call
// is what the gateway authorizes. Without a readable ref it is refused.
TEST(Inspect, CompletionNamesTheCallItCompletes) {
  auto p = inspect(
      R"({"jsonrpc":"2.0","id":1,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"secret"},"argument":{"name":"a","value":""}}})");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->method_id, method::completion_complete);
  EXPECT_EQ(p->completes, method::prompts_get);
  EXPECT_EQ(p->prompt_name, "secret");
  auto r = inspect(
      R"({"jsonrpc":"2.0","id":2,"method":"completion/complete","params":{"ref":{"type":"ref/resource","uri":"file:///{path}"},"argument":{"name":"path","value":""}}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->completes, method::resources_read);
  EXPECT_EQ(r->resource_uri, "file:///{path}");
  for (const char* params :
       {R"({})", R"({"ref":"x"})", R"({"ref":{"type":"ref/prompt"}})",
        R"({"ref":{"type":"ref/prompt","uri":"file:///x"}})",
        R"({"ref":{"type":"ref/tool","name":"t"}})", R"({"ref":{"name":"t"}})"}) {
    auto bad =
        inspect(std::string{R"({"jsonrpc":"2.0","id":3,"method":"completion/complete","params":)"} +
                params + "}");
    ASSERT_FALSE(bad) << params;
    EXPECT_EQ(bad.error().rpc(), rpc_code::invalid_params) << params;
  }
}

TEST(Inspect, RefusesBatch) {
  auto r = inspect(
      R"([{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"delete_file"}}])");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, make_error_code(errc::batch_not_supported));
}

TEST(Methods, ClassifyRoundTripsAndDirections) {
  for (auto m : {method::initialize, method::tools_call, method::resources_templates_list,
                 method::sampling_create_message, method::notifications_progress}) {
    EXPECT_EQ(classify(method_name(m)), m);
  }
  EXPECT_EQ(classify("tools/Call"), method::unknown);
  EXPECT_EQ(direction_of(method::tools_call), direction::client_to_server);
  EXPECT_EQ(direction_of(method::elicitation_create), direction::server_to_client);
  EXPECT_EQ(direction_of(method::ping), direction::either);
  EXPECT_TRUE(is_notification_method(method::notifications_initialized));
  EXPECT_FALSE(is_notification_method(method::ping));
}

TEST(Protocol, Versions) {
  EXPECT_TRUE(is_supported_protocol_version("2025-11-25"));
  EXPECT_TRUE(is_supported_protocol_version("2025-06-18"));
  EXPECT_TRUE(is_supported_protocol_version("2025-03-26"));
  EXPECT_FALSE(is_supported_protocol_version("2024-11-05"));
  EXPECT_EQ(negotiate_protocol_version("2025-06-18"), "2025-06-18");
  EXPECT_EQ(negotiate_protocol_version("1999-01-01"), latest_protocol_version);
}

}  // namespace
}  // namespace mcpgate::mcp
