mcpgate_fuzz_target(jose_jwks SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/jose_jwks_fuzz.cpp
                    DEPS mcpgate_jose)
