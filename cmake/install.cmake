# Install rules and the package config: `cmake --install build --prefix P`
# gives P/include/ptonnx/<component>/*.h, the shared component libraries,
# the harness archive, and P/lib/cmake/ptonnx/ptonnxConfig.cmake, so that
#
#   find_package(ptonnx REQUIRED)
#   target_link_libraries(my_tool PRIVATE ptonnx::convert ptonnx::runtime)
#
# works out of tree (examples/ is built this way by the install_examples
# test). Targets: ptonnx::core, graph, catalog, convert, runtime, oracle,
# check, version and harness (generators + property harness, for fuzzing an
# out-of-tree converter; needs rapidcheck). The same names exist as ALIAS
# targets for add_subdirectory users.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_ptonnx_exported core graph catalog convert runtime ort oracle check version)
foreach(component ${_ptonnx_exported})
  set_target_properties(ptonnx_${component} PROPERTIES EXPORT_NAME ${component})
  add_library(ptonnx::${component} ALIAS ptonnx_${component})
endforeach()
set_target_properties(ptonnx_harness_archive PROPERTIES EXPORT_NAME harness OUTPUT_NAME ptonnx_harness)
add_library(ptonnx::harness ALIAS ptonnx_harness_archive)

set(_ptonnx_install_targets ptonnx_version ptonnx_harness_archive)
foreach(component core graph catalog convert runtime ort oracle check)
  list(APPEND _ptonnx_install_targets ptonnx_${component})
endforeach()
install(TARGETS ${_ptonnx_install_targets} EXPORT ptonnxTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET ptonnx)
  # The command finds the installed libraries from bin/.
  set_target_properties(ptonnx PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS ptonnx ptonnx_conformance ptonnx_reports RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

# Headers, under the same relative paths the sources include them by.
foreach(component core graph catalog convert runtime ort check)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/lib/${component}/" DESTINATION include/ptonnx/${component}
          FILES_MATCHING PATTERN "*.h")
endforeach()
foreach(dir oracles generators suites/harness suites/common)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${dir}/" DESTINATION include/ptonnx/${dir} FILES_MATCHING PATTERN "*.h")
endforeach()
install(FILES "${PROJECT_BINARY_DIR}/generated/ptonnx_version.h" DESTINATION include/ptonnx)

set(_ptonnx_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/ptonnx)
install(EXPORT ptonnxTargets NAMESPACE ptonnx:: DESTINATION ${_ptonnx_cmake_dir})
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/ptonnxConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/ptonnxConfig.cmake" INSTALL_DESTINATION ${_ptonnx_cmake_dir})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/ptonnxConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/ptonnxConfig.cmake" "${PROJECT_BINARY_DIR}/ptonnxConfigVersion.cmake"
        DESTINATION ${_ptonnx_cmake_dir})
