mcpgate_fuzz_target(sse SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/sse_fuzz.cpp DEPS mcpgate_gateway)
