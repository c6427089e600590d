# Fails when the analysis module still contains wasi-libc's allocator (dlmalloc/sbrk), i.e.
# when core/guest/arena.cc did not replace every entry point libc++ and the glue use.
#   cmake -DWASM=<file.wasm> -DOBJDUMP=<wasm-objdump> -P check_no_dlmalloc.cmake
execute_process(COMMAND ${OBJDUMP} -x ${WASM} OUTPUT_VARIABLE dump RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot read ${WASM}")
endif()
if(dump MATCHES "<(dlmalloc|dlfree|sbrk)>")
  message(FATAL_ERROR "${WASM} still links wasi-libc's dlmalloc (${CMAKE_MATCH_1})")
endif()
# The check above needs function names. malloc itself may be inlined away (the module is
# built with LTO), so look for an export that always exists as a function.
if(NOT dump MATCHES "<cabi_realloc>")
  message(FATAL_ERROR "${WASM}: no cabi_realloc function name found; is the name section stripped?")
endif()
