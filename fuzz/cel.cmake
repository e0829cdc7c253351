mcpgate_fuzz_target(cel SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/cel_fuzz.cpp DEPS mcpgate_cel)
