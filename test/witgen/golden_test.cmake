# Runs witgen on CASE_DIR/input.wit or CASE_DIR/input/ (world = the case directory's name) into OUT and checks
# that the output tree equals CASE_DIR/expected file for file.
#   cmake -DWITGEN=<witgen> -DCASE_DIR=<dir> -DOUT=<dir> -P golden_test.cmake
get_filename_component(world ${CASE_DIR} NAME)
file(REMOVE_RECURSE ${OUT})
set(wit ${CASE_DIR}/input.wit)
if(IS_DIRECTORY ${CASE_DIR}/input)
  set(wit ${CASE_DIR}/input)  # a package spread over several files
endif()
execute_process(COMMAND ${WITGEN} --wit ${wit} --world ${world} --out ${OUT}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "witgen failed (${rc}): ${err}")
endif()
file(GLOB_RECURSE expected RELATIVE ${CASE_DIR}/expected ${CASE_DIR}/expected/*)
file(GLOB_RECURSE actual RELATIVE ${OUT} ${OUT}/*)
list(SORT expected)
list(SORT actual)
if(NOT expected STREQUAL actual)
  message(FATAL_ERROR "output files differ:\n expected: ${expected}\n actual:   ${actual}")
endif()
set(failed "")
foreach(f IN LISTS expected)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${CASE_DIR}/expected/${f} ${OUT}/${f}
    RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    list(APPEND failed ${f})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "generated files differ from the goldens: ${failed}\n"
    "(diff -r ${CASE_DIR}/expected ${OUT}; regenerate with the witgen_regen_goldens target)")
endif()
