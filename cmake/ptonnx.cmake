# Helpers shared by the CMake files of every component.

# ptonnx_library(NAME SOURCES... DEPS ...): a component library whose headers
# are included as "<component>/<file>.h" from lib/ (or the given ROOT).
function(ptonnx_library name)
  cmake_parse_arguments(ARG "" "ROOT" "SOURCES;DEPS" ${ARGN})
  add_library(${name} ${ARG_SOURCES})
  if(NOT ARG_ROOT)
    set(ARG_ROOT "${PROJECT_SOURCE_DIR}/lib")
  endif()
  # Installed headers keep their "<component>/<file>.h" paths under
  # include/ptonnx (cmake/install.cmake).
  target_include_directories(${name} PUBLIC "$<BUILD_INTERFACE:${ARG_ROOT}>" "$<INSTALL_INTERFACE:include/ptonnx>")
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# ptonnx_test(NAME SOURCES... DEPS ... LABELS ... [TIMEOUT s]): a gtest
# program registered with CTest under the given labels.
function(ptonnx_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  # For the suites' shared helpers (suites/common/*.h) in every test.
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  ptonnx_timeout(${name} ${ARG_TIMEOUT})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}"
    ENVIRONMENT "PTONNX_RESULTS_DIR=${PTONNX_RESULTS_DIR};PTONNX_ONNX_TESTDATA=${PTONNX_ONNX_TESTDATA}")
endfunction()

# The oracle must never see the converter or the runtime, and they must never
# see the oracle: a shared bug would be invisible. Checked at configure time
# on the link graph and on the #include lines of the sources.
function(_ptonnx_forbid_link target)
  if(NOT TARGET ${target})
    return()
  endif()
  foreach(forbidden ${ARGN})
    get_target_property(libs ${target} LINK_LIBRARIES)
    if(libs AND forbidden IN_LIST libs)
      message(FATAL_ERROR "independence rule: ${target} must not link ${forbidden}")
    endif()
  endforeach()
endfunction()

function(_ptonnx_forbid_includes dir)
  file(GLOB_RECURSE files "${PROJECT_SOURCE_DIR}/${dir}/*.h" "${PROJECT_SOURCE_DIR}/${dir}/*.cpp")
  foreach(f ${files})
    foreach(pattern ${ARGN})
      file(STRINGS "${f}" hits REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]${pattern}")
      if(hits)
        message(FATAL_ERROR "independence rule: ${f} includes ${pattern}: ${hits}")
      endif()
    endforeach()
  endforeach()
endfunction()

# The oracle states its dtype rules itself (oracles/dtype_rules.*): a call
# of lib/core's promote / upgrade_to_float or of lib/graph's inference
# helpers from oracles/ would share the rule under test. Comment lines are
# skipped; oracles/dtype_rules.* define the oracle's own upgrade_to_float.
function(_ptonnx_forbid_shared_dtype_rules dir)
  file(GLOB files "${PROJECT_SOURCE_DIR}/${dir}/*.h" "${PROJECT_SOURCE_DIR}/${dir}/*.cpp")
  foreach(f ${files})
    get_filename_component(name "${f}" NAME_WE)
    if(name STREQUAL "dtype_rules")
      continue()
    endif()
    file(STRINGS "${f}" hits REGEX
         "^[^/]*([^_:a-z]promote\\(|[^:a-z_]upgrade_to_float\\(|reduction::(default_)?acc_dtype|infer::)")
    if(hits)
      message(FATAL_ERROR "independence rule: ${f} uses a dtype rule of lib/core or lib/graph "
                          "(use oracles/dtype_rules.h): ${hits}")
    endif()
  endforeach()
endfunction()

function(ptonnx_enforce_independence)
  _ptonnx_forbid_link(ptonnx_oracle ptonnx_convert ptonnx_runtime ptonnx_check)
  _ptonnx_forbid_link(ptonnx_convert ptonnx_oracle ptonnx_runtime)
  _ptonnx_forbid_link(ptonnx_runtime ptonnx_oracle ptonnx_convert ptonnx_graph)
  _ptonnx_forbid_includes(oracles "convert/" "runtime/" "check/")
  _ptonnx_forbid_shared_dtype_rules(oracles)
  _ptonnx_forbid_includes(lib/convert "oracles/" "oracle/" "runtime/")
  _ptonnx_forbid_includes(lib/runtime "oracles/" "oracle/" "convert/" "graph/")
endfunction()

# Test timeouts are set for a normal (RelWithDebInfo) build. A sanitizer
# build at -O0 runs the same programs 3-10x slower (unit_cli_exit_codes
# starts the CLI ~60 times: 60 s normally, over 120 s under ASan on a loaded
# 2-core machine), so every TIMEOUT goes through ptonnx_timeout, which scales
# it by PTONNX_TEST_TIMEOUT_SCALE (default 5 with PTONNX_SANITIZE, else 1).
if(PTONNX_SANITIZE)
  set(_ptonnx_default_timeout_scale 5)
else()
  set(_ptonnx_default_timeout_scale 1)
endif()
set(PTONNX_TEST_TIMEOUT_SCALE ${_ptonnx_default_timeout_scale} CACHE STRING
    "Factor applied to every test's TIMEOUT (5 by default in a sanitizer build)")

# ptonnx_timeout(TEST SECONDS): TEST's time limit, scaled as above.
function(ptonnx_timeout test seconds)
  math(EXPR scaled "${seconds} * ${PTONNX_TEST_TIMEOUT_SCALE}")
  set_tests_properties(${test} PROPERTIES TIMEOUT ${scaled})
endfunction()
