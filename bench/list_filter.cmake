mcpgate_benchmark(list_filter SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/list_filter_bench.cpp DEPS mcpgate_gateway)
