# Email validation tests that run `warden eval` (included from test/core/CMakeLists.txt):
#   core.email.suites_agreement — agreement with the public test suites' verdicts
#     (/work/shared/data/email/suites.jsonl, never copied into the repository); SKIPPED when
#     the file is absent, FAILS below 99.5 % (uncontested) / 100 % (shared by >= 2 suites).
#   core.email.differential — 50,000 generated/mutated addresses, native vs wasm2c (and the Node
#     mirror when the package is built) identical.
find_program(WARDEN_NODE_EXECUTABLE NAMES node nodejs REQUIRED)
set(WARDEN_EMAIL_SUITES ${PROJECT_SOURCE_DIR}/../shared/data/email/suites.jsonl CACHE FILEPATH
  "The public email test suites (JSON lines) for core.email.suites_agreement")
if(TARGET warden_cli)
  add_test(NAME core.email.suites_agreement
    COMMAND ${WARDEN_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/email/suites_agreement.mjs
            --warden $<TARGET_FILE:warden_cli> --engine native --data ${WARDEN_EMAIL_SUITES})
  set_tests_properties(core.email.suites_agreement PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  set(differential_args --warden $<TARGET_FILE:warden_cli> --lines 50000 --seed 4)
  get_property(node_eval GLOBAL PROPERTY warden_node_EVAL)
  get_property(node_component GLOBAL PROPERTY warden_node_COMPONENT_DIR)
  if(node_eval AND node_component)
    list(APPEND differential_args --node-eval ${node_eval} --component-dir ${node_component})
  endif()
  add_test(NAME core.email.differential
    COMMAND ${WARDEN_NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/email/differential.mjs
            ${differential_args})
  set_tests_properties(core.email.differential PROPERTIES TIMEOUT 600)
endif()
