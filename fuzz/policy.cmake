mcpgate_fuzz_target(policy SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/policy_fuzz.cpp DEPS mcpgate_gateway)
