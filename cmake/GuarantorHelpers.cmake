# guarantor_library(NAME SRCS ... DEPS ...)
# Declares one module library with its dependencies stated explicitly. Headers are included as
# "module/file.h" from src/; files under a module's internal/ folder are private to that module.
# guarantor_unity_build(TARGET): compiles the target's sources in batches (CMake's unity build)
# when GUARANTOR_UNITY_BUILD is on. For the targets whose every source includes the same heavy
# headers (CLI11, nlohmann/json, GoogleTest, cpp-httplib) and whose speed does not matter: the
# CLI's commands, the server's routes, the tests. It more than halves a clean build on two cores.
# The engine's libraries are compiled one file at a time, as they are measured.
function(guarantor_unity_build target)
  if(GUARANTOR_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 12)
  endif()
endfunction()

function(guarantor_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(guarantor_${name} STATIC ${ARG_SRCS})
  target_include_directories(guarantor_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(guarantor_${name} PUBLIC ${ARG_DEPS})
  add_library(guarantor::${name} ALIAS guarantor_${name})
endfunction()

# guarantor_test(NAME SRCS ... DEPS ... [LABELS ...] [FILTER gtest-filter])
# FILTER leaves the other tests of the binary to whatever runs it directly (an integration
# script that provides what they need), so that CTest lists no test it would only skip.
function(guarantor_test name)
  cmake_parse_arguments(ARG "" "FILTER" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT ARG_FILTER)
    set(ARG_FILTER "*")
  endif()
  add_executable(${name} ${ARG_SRCS})
  guarantor_unity_build(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    GUARANTOR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_FILTER "${ARG_FILTER}"
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "GUARANTOR_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
