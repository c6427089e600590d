// The host imports at the core-module level, for a component transpiled with jco's
// `importBindings: 'hybrid'` (scripts/build-component.mjs --import-bindings hybrid, as CMake
// builds it): jco then takes, from each import function, the core function returned by its
// Symbol.for('cabiLower') factory ({memory}) and wires it into the module as is, without its
// per-call task bookkeeping. The lifting (strings read from memory) and lowering (enum
// answers as their discriminants) for wit/analyzer.wit are here; src/direct.js has the
// exports.

const CABI_LOWER = Symbol.for('cabiLower');
const decoder = new TextDecoder();

// Case codes by name and names by code (WIT order).
const ANSWER_CODES = new Map([['yes', 0], ['no', 1], ['unknown', 2]]);
const VERIFICATION_CODES = new Map([['verified', 0], ['spoofed', 1], ['unverifiable', 2]]);
const LEVELS = ['debug', 'info', 'warn', 'error'];

const stringAt = (memory, ptr, len) => decoder.decode(new Uint8Array(memory.buffer, ptr, len));

function codeOf(codes, answer, what) {
  const code = codes.get(answer);
  if (code === undefined) {
    throw new TypeError(`${what} returned ${JSON.stringify(answer)}; expected one of ${[...codes.keys()].join(', ')}`);
  }
  return code;
}

/**
 * Adds the core-level factories to the import functions of `interfaces` ({logger: {log},
 * 'email-overrides': {...}, 'bot-overrides': {verify}}, as src/index.js builds them; each
 * function already checks its answer). Returns `interfaces`.
 */
export function addCoreLowering(interfaces) {
  const { log } = interfaces.logger;
  log[CABI_LOWER] = ({ memory }) => (level, ptr, len) => {
    const name = LEVELS[level];
    if (name === undefined) throw new TypeError(`invalid log level ${level}`);
    log(name, stringAt(memory, ptr, len));
  };
  for (const fn of Object.values(interfaces['email-overrides'])) {
    fn[CABI_LOWER] = ({ memory }) => (ptr, len) =>
      codeOf(ANSWER_CODES, fn(stringAt(memory, ptr, len)), 'email override');
  }
  const { verify } = interfaces['bot-overrides'];
  verify[CABI_LOWER] = ({ memory }) => (idPtr, idLen, ipPtr, ipLen) =>
    codeOf(VERIFICATION_CODES, verify(stringAt(memory, idPtr, idLen), stringAt(memory, ipPtr, ipLen)), 'botOverrides.verify');
  return interfaces;
}
