mcpgate_fuzz_target(list_filter SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/list_filter_fuzz.cpp DEPS mcpgate_gateway)
