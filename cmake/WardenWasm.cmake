# Build steps for WIT bindings and WebAssembly modules (DESIGN.md §2).
#
#   warden_witgen(<prefix> WIT <file-or-dir> WORLD <world> PACKAGE_PATH <ns/pkg> [MODULE <c-name>])
#     Runs tools/witgen at build time. Defines:
#       <prefix>_types           INTERFACE library: generated types + witgen runtime headers
#       <prefix>_GEN_DIR         (parent scope) the output directory
#       <prefix>_GUEST_SOURCES   (parent scope) guest glue .cc
#       <prefix>_HOST_SOURCES    (parent scope) wasm2c host glue .cc
#       <prefix>_NATIVE_SOURCES  (parent scope) native import glue .cc
#       <prefix>_IMPORTS_LIST    (parent scope) file listing the world's imports ("module name")
#
#   warden_wasm_module(<name> BINDINGS <prefix> SOURCES <src...> [INCLUDE_DIRS <dir...>])
#     Compiles SOURCES plus the guest glue with clang-19 for wasm32-wasi (-fno-exceptions),
#     links <name>.wasm, fails the build if it imports anything but the WIT imports, translates
#     it with wasm2c and defines:
#       <name>_wasm2c            STATIC library: the module as C + the host glue + the runtime
#       <name>_WASM              (parent scope) path of the .wasm
#       <name>_module            custom target that produces the .wasm

find_program(WARDEN_WASM_CXX NAMES clang++-19 REQUIRED)
find_program(WARDEN_WASM2C NAMES wasm2c REQUIRED)
find_program(WARDEN_WASM_OBJDUMP NAMES wasm-objdump REQUIRED)

# -mbulk-memory: memcpy/memset of non-constant size become memory.copy/memory.fill, which
# wasm2c turns into one bounds check and a host memcpy/memset instead of a checked byte loop.
# -flto (compile and link): the module is optimised as a whole, so the export glue, the rule
# code and the helpers of other files are inlined into each other; values then stay in wasm
# locals (C locals after wasm2c) instead of going through the shadow stack in linear memory,
# where every access is a bounds-checked load or store (about 20 % of an export call).
set(WARDEN_WASM_CXX_FLAGS
  --target=wasm32-wasi -std=c++20 -O2 -flto -mbulk-memory -fno-exceptions -fno-rtti
  -fvisibility=hidden -ffunction-sections -fdata-sections -DWARDEN_GUEST=1
  -Wall -Wextra -Wno-unused-parameter)
set(WARDEN_WITGEN_RUNTIME_DIR ${CMAKE_CURRENT_LIST_DIR}/../tools/witgen/runtime)

function(warden_witgen prefix)
  cmake_parse_arguments(A "" "WIT;WORLD;PACKAGE_PATH;MODULE" "" ${ARGN})
  string(REPLACE "-" "_" world_snake ${A_WORLD})
  if(NOT A_MODULE)
    set(A_MODULE ${world_snake})
  endif()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${prefix}_gen)
  set(types_h ${out}/include/${A_PACKAGE_PATH}/${world_snake}_types.h)
  set(guest_h ${out}/guest/${world_snake}_guest.h)
  set(guest_cc ${out}/guest/${world_snake}_guest.cc)
  set(host_h ${out}/host/${world_snake}_host.h)
  set(host_cc ${out}/host/${world_snake}_host.cc)
  set(native_cc ${out}/native/${world_snake}_native.cc)
  set(imports_txt ${out}/${world_snake}_imports.txt)
  if(IS_DIRECTORY ${A_WIT})
    file(GLOB wit_deps CONFIGURE_DEPENDS ${A_WIT}/*.wit)
  else()
    set(wit_deps ${A_WIT})
  endif()
  add_custom_command(
    OUTPUT ${types_h} ${guest_h} ${guest_cc} ${host_h} ${host_cc} ${native_cc} ${imports_txt}
    COMMAND $<TARGET_FILE:witgen> --wit ${A_WIT} --world ${A_WORLD} --out ${out} --module ${A_MODULE}
    DEPENDS witgen ${wit_deps}
    COMMENT "witgen ${A_WORLD}"
    VERBATIM)
  add_custom_target(${prefix}_bindings DEPENDS ${types_h} ${guest_cc} ${host_cc} ${native_cc})
  add_library(${prefix}_types INTERFACE)
  add_dependencies(${prefix}_types ${prefix}_bindings)
  target_include_directories(${prefix}_types INTERFACE
    $<BUILD_INTERFACE:${out}/include>
    $<BUILD_INTERFACE:${WARDEN_WITGEN_RUNTIME_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  set(${prefix}_GEN_DIR ${out} PARENT_SCOPE)
  set(${prefix}_GUEST_SOURCES ${guest_cc} PARENT_SCOPE)
  set(${prefix}_HOST_SOURCES ${host_cc} PARENT_SCOPE)
  set(${prefix}_NATIVE_SOURCES ${native_cc} PARENT_SCOPE)
  set(${prefix}_IMPORTS_LIST ${imports_txt} PARENT_SCOPE)
  set(${prefix}_MODULE ${A_MODULE} PARENT_SCOPE)
  set_property(GLOBAL PROPERTY ${prefix}_GEN_DIR ${out})
  set_property(GLOBAL PROPERTY ${prefix}_GUEST_SOURCES ${guest_cc})
  set_property(GLOBAL PROPERTY ${prefix}_HOST_SOURCES ${host_cc})
  set_property(GLOBAL PROPERTY ${prefix}_NATIVE_SOURCES ${native_cc})
  set_property(GLOBAL PROPERTY ${prefix}_IMPORTS_LIST ${imports_txt})
  set_property(GLOBAL PROPERTY ${prefix}_MODULE ${A_MODULE})
endfunction()

function(warden_wasm_module name)
  cmake_parse_arguments(A "" "BINDINGS" "SOURCES;INCLUDE_DIRS" ${ARGN})
  get_property(gen_dir GLOBAL PROPERTY ${A_BINDINGS}_GEN_DIR)
  get_property(guest_cc GLOBAL PROPERTY ${A_BINDINGS}_GUEST_SOURCES)
  get_property(host_cc GLOBAL PROPERTY ${A_BINDINGS}_HOST_SOURCES)
  get_property(imports_txt GLOBAL PROPERTY ${A_BINDINGS}_IMPORTS_LIST)
  get_property(module GLOBAL PROPERTY ${A_BINDINGS}_MODULE)
  set(objdir ${CMAKE_CURRENT_BINARY_DIR}/${name}_wasm_obj)
  set(includes -I${gen_dir}/include -I${gen_dir}/guest -I${WARDEN_WITGEN_RUNTIME_DIR})
  foreach(dir IN LISTS A_INCLUDE_DIRS)
    list(APPEND includes -I${dir})
  endforeach()
  set(objects "")
  foreach(src IN LISTS A_SOURCES guest_cc)
    get_filename_component(abs ${src} ABSOLUTE)
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${abs})
    if(rel MATCHES "^\\.\\.")
      get_filename_component(rel ${abs} NAME)
    endif()
    string(REGEX REPLACE "[/.]" "_" stem ${rel})
    set(obj ${objdir}/${stem}.o)
    add_custom_command(
      OUTPUT ${obj}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${objdir}
      COMMAND ${WARDEN_WASM_CXX} ${WARDEN_WASM_CXX_FLAGS} ${includes} -MD -MF ${obj}.d -c ${abs} -o ${obj}
      DEPENDS ${abs} ${A_BINDINGS}_bindings
      DEPFILE ${obj}.d
      COMMENT "wasm32 ${rel}"
      VERBATIM)
    list(APPEND objects ${obj})
  endforeach()
  set(wasm ${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm)
  set(gate_stamp ${CMAKE_CURRENT_BINARY_DIR}/${name}.imports-ok)
  add_custom_command(
    OUTPUT ${wasm}
    COMMAND ${WARDEN_WASM_CXX} --target=wasm32-wasi -mexec-model=reactor -O2 -flto -mbulk-memory
            -Wl,--gc-sections -Wl,-z,stack-size=262144 -Wl,--strip-debug
            ${objects} -o ${wasm}
    DEPENDS ${objects}
    COMMENT "link ${name}.wasm"
    VERBATIM)
  add_custom_command(
    OUTPUT ${gate_stamp}
    COMMAND ${CMAKE_COMMAND} -DWASM=${wasm} -DALLOWED=${imports_txt} -DOBJDUMP=${WARDEN_WASM_OBJDUMP}
            -DSTAMP=${gate_stamp} -P ${CMAKE_SOURCE_DIR}/cmake/check_wasm_imports.cmake
    DEPENDS ${wasm} ${imports_txt} ${CMAKE_SOURCE_DIR}/cmake/check_wasm_imports.cmake
    COMMENT "import gate ${name}.wasm"
    VERBATIM)
  set(c_out ${CMAKE_CURRENT_BINARY_DIR}/${name}_wasm2c/${name}.c)
  add_custom_command(
    OUTPUT ${c_out} ${CMAKE_CURRENT_BINARY_DIR}/${name}_wasm2c/${name}.h
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/${name}_wasm2c
    COMMAND ${WARDEN_WASM2C} ${wasm} -n ${module} -o ${c_out}
    COMMAND ${CMAKE_COMMAND} -DFILE=${c_out} -P ${CMAKE_SOURCE_DIR}/cmake/wasm2c_fixup.cmake
    DEPENDS ${wasm} ${gate_stamp} ${CMAKE_SOURCE_DIR}/cmake/wasm2c_fixup.cmake
    COMMENT "wasm2c ${name}.wasm"
    VERBATIM)
  add_custom_target(${name}_module DEPENDS ${wasm} ${gate_stamp})
  add_library(${name}_wasm2c STATIC ${c_out} ${host_cc})
  # Generated code: warnings silenced on these files only.
  set_source_files_properties(${c_out} PROPERTIES COMPILE_OPTIONS "-w")
  target_include_directories(${name}_wasm2c PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_BINARY_DIR}/${name}_wasm2c>
    $<BUILD_INTERFACE:${gen_dir}/host>)
  target_link_libraries(${name}_wasm2c PUBLIC ${A_BINDINGS}_types warden::wasm_rt warden::status)
  # The host glue includes the wasm2c header, whose name is this target's, not the module's.
  target_compile_definitions(${name}_wasm2c PRIVATE "WITGEN_WASM2C_HEADER=\"${name}.h\"")
  add_dependencies(${name}_wasm2c ${name}_module)
  set(${name}_WASM ${wasm} PARENT_SCOPE)
  set_property(GLOBAL PROPERTY ${name}_WASM ${wasm})
endfunction()
