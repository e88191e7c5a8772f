# ptonnx_version: an interface target with <ptonnx_version.h>, the project
# version and the git commit of the source tree (what `ptonnx --version`
# prints and every suite run records, so a report can say what it measured).
# Taken at configure time; "unknown" outside a git checkout.
set(PTONNX_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
                  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE commit
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND commit)
    set(PTONNX_GIT_COMMIT "${commit}")
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.h.in" "${PROJECT_BINARY_DIR}/generated/ptonnx_version.h" @ONLY)
add_library(ptonnx_version INTERFACE)
target_include_directories(ptonnx_version INTERFACE "$<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated>"
                                                     "$<INSTALL_INTERFACE:include/ptonnx>")
