# Rewrites GOLDEN_DIR/<case>/expected from GOLDEN_DIR/<case>/input.wit (or the
# directory GOLDEN_DIR/<case>/input) for every case.
#   cmake -DWITGEN=<witgen> -DGOLDEN_DIR=<dir> -P regen_goldens.cmake
file(GLOB cases LIST_DIRECTORIES true ${GOLDEN_DIR}/*)
foreach(case_dir IN LISTS cases)
  if(IS_DIRECTORY ${case_dir})
    get_filename_component(world ${case_dir} NAME)
    set(wit ${case_dir}/input.wit)
    if(IS_DIRECTORY ${case_dir}/input)
      set(wit ${case_dir}/input)
    endif()
    file(REMOVE_RECURSE ${case_dir}/expected)
    execute_process(COMMAND ${WITGEN} --wit ${wit} --world ${world}
      --out ${case_dir}/expected RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${world}: witgen failed (${rc}): ${err}")
    endif()
    message(STATUS "regenerated ${world}")
  endif()
endforeach()
