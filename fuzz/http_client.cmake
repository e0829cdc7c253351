mcpgate_fuzz_target(http_client SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_client_fuzz.cpp
                    DEPS mcpgate_http)
