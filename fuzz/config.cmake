mcpgate_fuzz_target(config SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/config_fuzz.cpp DEPS mcpgate_config)
