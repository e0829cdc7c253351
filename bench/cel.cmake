mcpgate_benchmark(cel_policy SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/cel_policy_bench.cpp DEPS mcpgate_cel)
