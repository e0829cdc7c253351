mcpgate_fuzz_target(jose_token SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/jose_token_fuzz.cpp
                    DEPS mcpgate_jose)
