# Runs witgen on a malformed WIT file whose first line is `// expect: <line>:<col>: <message>`
# and checks exit status 1, stderr == "<WIT>:<line>:<col>: <message>", and that nothing was
# written. The world is always `w`.
#   cmake -DWITGEN=<witgen> -DWIT=<file> -DOUT=<dir> -P error_test.cmake
file(READ ${WIT} content)
string(REGEX MATCH "^// expect: ([^\n]*)" first "${content}")
set(want "${CMAKE_MATCH_1}")
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${WITGEN} --wit ${WIT} --world w --out ${OUT}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
string(STRIP "${err}" err)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "want exit status 1, got ${rc} (${err})")
endif()
if(NOT err STREQUAL "${WIT}:${want}")
  message(FATAL_ERROR "want error\n  ${WIT}:${want}\ngot\n  ${err}")
endif()
if(EXISTS ${OUT})
  message(FATAL_ERROR "witgen wrote ${OUT} despite the error")
endif()
