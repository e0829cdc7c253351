mcpgate_benchmark(http_head SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_head_bench.cpp DEPS mcpgate_http)
