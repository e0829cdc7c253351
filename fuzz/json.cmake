mcpgate_fuzz_target(json SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/json_fuzz.cpp DEPS mcpgate_json)
