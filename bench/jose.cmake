mcpgate_benchmark(jose SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/jose_bench.cpp DEPS mcpgate_jose)
