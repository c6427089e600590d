# Post-processes a wasm2c 1.0.32 output file in place (docs/engines.md, "Bounds checks, not
# signals"). Run as:
#   cmake -DFILE=<module.c> -P wasm2c_fixup.cmake
#
# wasm2c's load helpers end with an empty inline-asm statement that takes the loaded value as
# an operand. It exists for the guard-page mode, where the memory access itself is the bounds
# check and must not be dropped when its value is unused (later wabt releases emit it only in
# that mode). This runtime checks bounds explicitly before every access, so the check traps
# whether or not the value is used, and the statement only costs: the compiler treats it as
# having side effects and reloads the memory's base and size after every load. It is removed.
#
# The rewrite is exact: the file must contain the statement exactly twice (the two load-helper
# definitions of 1.0.32); anything else fails the build, so a wasm2c upgrade is looked at
# instead of silently changing meaning.
if(NOT FILE)
  message(FATAL_ERROR "wasm2c_fixup: FILE is not set")
endif()
file(READ ${FILE} text)
set(barrier "wasm_asm(\"\" ::\"r\"(result));")
string(LENGTH "${text}" before)
string(REPLACE "${barrier}" "" stripped "${text}")
string(LENGTH "${stripped}" after)
string(LENGTH "${barrier}" one)
math(EXPR count "(${before} - ${after}) / ${one}")
if(NOT count EQUAL 2)
  message(FATAL_ERROR "wasm2c_fixup: expected the load barrier twice in ${FILE}, found ${count} "
                      "(a different wasm2c version? see docs/engines.md)")
endif()
file(WRITE ${FILE} "${stripped}")
