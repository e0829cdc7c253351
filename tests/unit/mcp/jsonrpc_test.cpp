#include "mcp/jsonrpc.hpp"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

namespace mcpgate::mcp {
namespace {

errc code_of(std::string_view text) {
  auto r = parse_message(text);
  EXPECT_FALSE(r) << text;
  return r ? errc::ok : static_cast<errc>(r.error().code.value());
}

TEST(JsonRpc, ParsesRequestWithParams) {
  auto r =
      parse_message(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo"}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, message_kind::request);
  EXPECT_EQ(r->id.as_int64(), 7);
  EXPECT_EQ(r->method, "tools/call");
  EXPECT_TRUE(r->has_params);
  EXPECT_EQ(r->params.at("name").as_string(), "echo");
}

TEST(JsonRpc, ParsesStringIdAndAbsentParams) {
  auto r = parse_message(R"({"jsonrpc":"2.0","id":"abc","method":"ping"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->id.as_string(), "abc");
  EXPECT_FALSE(r->has_params);
  EXPECT_TRUE(r->params.empty());
}

TEST(JsonRpc, ParsesNotification) {
  auto r = parse_message(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, message_kind::notification);
  EXPECT_TRUE(r->id.is_null());
}

TEST(JsonRpc, ParsesResultAndError) {
  auto ok = parse_message(R"({"jsonrpc":"2.0","id":1,"result":{"action":"accept"}})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->kind, message_kind::response);
  EXPECT_EQ(ok->result.at("action").as_string(), "accept");

  auto err = parse_message(
      R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad","data":[1]}})");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->kind, message_kind::error_response);
  EXPECT_EQ(err->error.code, -32700);
  EXPECT_EQ(err->error.message, "bad");
  EXPECT_TRUE(err->error.data.is_array());
}

TEST(JsonRpc, RefusesNonJsonAsParseError) {
  auto r = parse_message("{\"jsonrpc\":\"2.0\",");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rpc(), rpc_code::parse_error);
}

TEST(JsonRpc, RefusesDuplicateMembersAsParseError) {
  // A duplicate "name" could mean one tool to us and another to the server behind us.
  auto r = parse_message(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","name":"delete_file"}})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rpc(), rpc_code::parse_error);
}

TEST(JsonRpc, RefusesBatches) {
  EXPECT_EQ(code_of(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])"), errc::batch_not_supported);
  auto r = parse_message("[]");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rpc(), rpc_code::invalid_request);
}

TEST(JsonRpc, RefusesShapeErrors) {
  EXPECT_EQ(code_of("42"), errc::not_an_object);
  EXPECT_EQ(code_of(R"({"id":1,"method":"ping"})"), errc::bad_jsonrpc_version);
  EXPECT_EQ(code_of(R"({"jsonrpc":"1.0","id":1,"method":"ping"})"), errc::bad_jsonrpc_version);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1,"method":5})"), errc::bad_method);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})"), errc::bad_id);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":null,"method":"ping"})"), errc::bad_id);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":{},"method":"ping"})"), errc::bad_id);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":[1]})"), errc::bad_params);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1})"), errc::bad_response);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1,"result":{},"error":{}})"), errc::bad_response);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","result":{}})"), errc::bad_id);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"m"}})"),
            errc::bad_error_object);
  EXPECT_EQ(code_of(R"({"jsonrpc":"2.0","id":1,"method":"ping","result":{}})"), errc::bad_response);
}

TEST(JsonRpc, ErrorEchoesReadableId) {
  auto r = parse_message(R"({"jsonrpc":"2.0","id":"x9","method":"ping","params":"no"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().id.as_string(), "x9");
  auto reply = make_error(r.error());
  EXPECT_EQ(reply.at("id").as_string(), "x9");
  EXPECT_EQ(reply.at("error").at("code").as_int64(), -32600);
}

TEST(JsonRpc, RefusesOversizedBody) {
  message_limits lim;
  lim.max_bytes = 16;
  auto r = parse_message(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", lim);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().rpc(), rpc_code::parse_error);
}

TEST(JsonRpc, BuildersProduceValidMessages) {
  auto req = make_request(3, "sampling/createMessage", {{"maxTokens", 100}});
  auto back = validate_message(boost::json::value(req));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, message_kind::request);

  auto note = make_notification("notifications/progress", {});
  EXPECT_FALSE(note.contains("params"));
  EXPECT_FALSE(note.contains("id"));

  auto res = make_result("a", boost::json::object{});
  EXPECT_EQ(boost::json::serialize(res), R"({"jsonrpc":"2.0","id":"a","result":{}})");

  auto err = make_error(5, rpc_code::method_not_found, "Method not found");
  EXPECT_EQ(err.at("error").at("code").as_int64(), -32601);
}

}  // namespace
}  // namespace mcpgate::mcp
