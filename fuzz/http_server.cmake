mcpgate_fuzz_target(http_server SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_server_fuzz.cpp
                    DEPS mcpgate_http)
