# Test of the import gate (cmake/check_wasm_imports.cmake): builds a guest that calls printf
# (so it imports WASI), and requires the gate to reject it naming the WASI import, then
# requires the gate to accept the real analyzer module against its WIT import list.
#   cmake -DCXX=clang++-19 -DOBJDUMP=wasm-objdump -DSRC=<dir> -DWORK=<dir>
#         -DANALYZER_WASM=<file> -DANALYZER_IMPORTS=<file> -DGATE=<script> -P run_gate_test.cmake
file(MAKE_DIRECTORY ${WORK})
execute_process(
  COMMAND ${CXX} --target=wasm32-wasi -mexec-model=reactor -O2 -fno-exceptions
          ${SRC}/wasi_user.cc -o ${WORK}/wasi_user.wasm
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not build the WASI-using guest: ${err}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -DWASM=${WORK}/wasi_user.wasm -DALLOWED=${SRC}/allowed.txt
          -DOBJDUMP=${OBJDUMP} -P ${GATE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "the import gate accepted a module that imports WASI")
endif()
if(NOT err MATCHES "wasi_snapshot_preview1\\.fd_write")
  message(FATAL_ERROR "the import gate failed without naming the WASI import:\n${err}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -DWASM=${ANALYZER_WASM} -DALLOWED=${ANALYZER_IMPORTS}
          -DOBJDUMP=${OBJDUMP} -P ${GATE}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the import gate rejected the analyzer module:\n${err}")
endif()
message(STATUS "import gate: rejects WASI imports, accepts the analyzer module")
