# Tests of the bot matcher and its compiler (included from test/core/CMakeLists.txt).
# Fixture tables are compiled by tools/botc at configure time, like the production tables.
set(bot_test_dir ${CMAKE_CURRENT_LIST_DIR})
set(bot_gen_dir ${CMAKE_CURRENT_BINARY_DIR}/bot_generated)
warden_botc(${bot_gen_dir}/cua_all_tables.cc
  OVERLAY ${bot_test_dir}/fixtures/empty_overlay.json SYMBOL CuaAllTables)
warden_botc(${bot_gen_dir}/fixture_tables.cc
  OVERLAY ${bot_test_dir}/fixtures/overlay.json CUA ${bot_test_dir}/fixtures/cua.json
  SYMBOL FixtureTables)

add_executable(warden_bot_test
  ${bot_test_dir}/matcher_test.cc
  ${bot_test_dir}/tables_test.cc
  ${bot_test_dir}/table_invariants_test.cc
  ${bot_test_dir}/scan_test.cc
  ${bot_gen_dir}/fixture_tables.cc
  ${bot_gen_dir}/cua_all_tables.cc)
target_link_libraries(warden_bot_test PRIVATE warden::core GTest::gtest_main)
target_compile_options(warden_bot_test PRIVATE ${WARDEN_WARNINGS})
gtest_discover_tests(warden_bot_test)

# JS RegExp vs the matcher over crawler-user-agents' own instances.
add_executable(bot_diff_tool ${bot_test_dir}/bot_diff_tool.cc ${bot_gen_dir}/cua_all_tables.cc)
target_link_libraries(bot_diff_tool PRIVATE warden::core)
target_compile_options(bot_diff_tool PRIVATE ${WARDEN_WARNINGS})
add_test(NAME bot.differential
  COMMAND ${WARDEN_NODE_EXECUTABLE} ${bot_test_dir}/differential.mjs $<TARGET_FILE:bot_diff_tool>
          ${WARDEN_BOT_CUA_JSON})

# The compiler's regex-subset parser and analyses (node:test).
add_test(NAME bot.botc_unit
  COMMAND ${WARDEN_NODE_EXECUTABLE} --test ${bot_test_dir}/botc.test.mjs)
