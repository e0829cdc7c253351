mcpgate_fuzz_target(mcp_message SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/mcp_message_fuzz.cpp
                    DEPS mcpgate_mcp)
