# Helpers shared by every module's CMakeLists.txt.
#
# Each module's headers are reachable only through a per-module include directory that holds one
# symlink, <build>/modinc/<module>/<module> -> src/<module>. A module sees the headers of the
# modules it links and no others, so an include against the dependency direction of DESIGN.md
# fails to compile.

function(mcpgate_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wcast-align -Wunused -Woverloaded-virtual
                         -Wimplicit-fallthrough)
  # GCC 12 misreads Asio's awaitable frame allocator (a custom operator new/delete pair on the
  # coroutine frame) as a mismatched new/delete after inlining (GCC bug 109224).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-mismatched-new-delete)
  endif()
endfunction()

if(MCPGATE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(MCPGATE_FUZZ)
  # -fno-sanitize=function: clang 14's UBSan function check on coroutine frames fails to assemble
  # ("Cannot represent a difference across sections"); the other UBSan checks stay on, and
  # abort (no recovery) so that libFuzzer reports undefined behaviour as a crash.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(MCPGATE_LTO)
  set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
endif()

# mcpgate_module(NAME SOURCES a.cpp ... DEPS mcpgate_core ... EXTERNAL Boost::json ...)
function(mcpgate_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;EXTERNAL" ${ARGN})
  set(target mcpgate_${name})
  add_library(${target} STATIC ${M_SOURCES})
  set(inc ${CMAKE_BINARY_DIR}/modinc/${name})
  file(MAKE_DIRECTORY ${inc})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${inc}/${name} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${inc})
  target_link_libraries(${target} PUBLIC ${M_DEPS} ${M_EXTERNAL})
  mcpgate_warnings(${target})
endfunction()

# mcpgate_unit_test(NAME SOURCES ... DEPS ...): one GoogleTest binary registered with CTest.
function(mcpgate_unit_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest_main GTest::gmock)
  mcpgate_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES LABELS unit ENVIRONMENT "MCPGATE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
