# Checks that a golden case's generated code compiles: the guest glue for wasm32 (linked with
# the user functions left as trapping stubs), wasm2c on that module, then the host glue and the
# native glue natively.
#   cmake -DCASE_DIR=<golden case> -DOUT=<dir> -DCXX=<clang++-19> -DWASM2C=<wasm2c>
#         -DGUEST_RUNTIME=<guest_runtime.cc> -DINCLUDES=<dir|dir|...> -P compile_test.cmake
get_filename_component(world ${CASE_DIR} NAME)
string(REPLACE "-" "_" w ${world})
set(gen ${CASE_DIR}/expected)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(inc -I${gen}/include -I${gen}/guest -I${gen}/host)
string(REPLACE "|" ";" INCLUDES "${INCLUDES}")
foreach(dir IN LISTS INCLUDES)
  list(APPEND inc -I${dir})
endforeach()
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR err MATCHES "warning")
    message(FATAL_ERROR "${ARGN}\n${out}${err}")
  endif()
endfunction()
set(guest_flags --target=wasm32-wasi -std=c++20 -O2 -fno-exceptions -fno-rtti
  -fvisibility=hidden -DWARDEN_GUEST=1 -Wall -Wextra -Wno-unused-parameter)
run(${CXX} ${guest_flags} ${inc} -c ${gen}/guest/${w}_guest.cc -o ${OUT}/guest.o)
run(${CXX} ${guest_flags} -c ${GUEST_RUNTIME} -o ${OUT}/runtime.o)
run(${CXX} --target=wasm32-wasi -mexec-model=reactor -O2 -Wl,--gc-sections
  -Wl,--unresolved-symbols=ignore-all ${OUT}/guest.o ${OUT}/runtime.o -o ${OUT}/${w}.wasm)
run(${WASM2C} ${OUT}/${w}.wasm -n ${w} -o ${OUT}/${w}.c)
set(host_flags -std=c++20 -Wall -Wextra -Wno-unused-parameter -I${OUT})
run(${CXX} ${host_flags} ${inc} -c ${gen}/host/${w}_host.cc -o ${OUT}/host.o)
run(${CXX} ${host_flags} ${inc} -c ${gen}/native/${w}_native.cc -o ${OUT}/native.o)
