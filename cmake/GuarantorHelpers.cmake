# guarantor_library(NAME SRCS ... DEPS ...)
# Declares one module library with its dependencies stated explicitly. Headers are included as
# "module/file.h" from src/; files under a module's internal/ folder are private to that module.
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
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    GUARANTOR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_FILTER "${ARG_FILTER}"
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "GUARANTOR_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
