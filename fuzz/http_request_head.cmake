mcpgate_fuzz_target(http_request_head SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_request_head_fuzz.cpp
                    DEPS mcpgate_http)
