mcpgate_fuzz_target(http_request SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_request_fuzz.cpp
                    DEPS mcpgate_http)
