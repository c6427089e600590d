// warden's analysis module for Node: the same .wasm the C++ hosts run, made a component and
// transpiled by jco (scripts/build-component.mjs), behind a thin typed wrapper.
//
//   const analyzer = await createAnalyzer({ emailOverrides: { isFree: (d) => 'unknown' } });
//   const r = analyzer.generateFingerprint(request, ['ip.src']);
//   if ('error' in r) ... else r.fingerprint
//
// Error convention (docs/node.md):
// - an analysis error (the WIT result's error side) is returned as {error: {tag, val}};
// - an argument of the wrong type throws TypeError before the module is entered;
// - anything else that stops a call (a trap, a host import that throws or answers out of
//   range) throws WardenEngineError; the instance is discarded and the next call runs on a
//   fresh one.

import process from 'node:process';

import { loadComponent } from './component.js';
import { bindDirect } from './direct.js';
import { addCoreLowering } from './imports.js';
import {
  EMAIL_TYPES,
  formatAnalysisError,
  fromWitBotResult,
  fromWitEmailResult,
  toWitBotConfig,
  toWitCharacteristics,
  toWitEmailConfig,
  toWitRequest,
} from './convert.js';

export { COMPONENT_DIR_ENV, resolveComponentDir } from './component.js';
export { EMAIL_TYPES, formatAnalysisError };

const PACKAGE = 'warden:analyze';
const WIT_VERSION = '0.1.0';
const ANSWERS = new Set(['yes', 'no', 'unknown']);
const VERIFICATIONS = new Set(['verified', 'spoofed', 'unverifiable']);
const LEVELS = new Set(['debug', 'info', 'warn', 'error']);

/** Thrown when the module could not make a call at all (trap, failing host import). */
export class WardenEngineError extends Error {
  constructor(cause) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'WardenEngineError';
  }
}

// The import for `owner[method]`: called with `owner` as `this`, its answer checked against
// `allowed`; `fallback` when the method is absent.
function answerOf(owner, method, what, allowed, fallback) {
  const fn = owner?.[method];
  if (fn === undefined || fn === null) return () => fallback;
  if (typeof fn !== 'function') throw new TypeError(`${what} must be a function`);
  return (...args) => {
    const answer = fn.apply(owner, args);
    if (!allowed.has(answer)) {
      throw new TypeError(`${what} returned ${JSON.stringify(answer)}; expected one of ${[...allowed].join(', ')}`);
    }
    return answer;
  };
}

// The import object jco's instantiate() takes, keyed by interface name (jco 1.35 looks
// names up without the version; the versioned keys are there for other jco releases).
function buildImports({ logger, emailOverrides, botOverrides }) {
  if (logger != null && typeof logger.log !== 'function') {
    throw new TypeError('logger must be an object with a log(level, message) method');
  }
  const log = logger != null
    ? (level, message) => {
        if (LEVELS.has(level)) logger.log(level, message);
      }
    : () => {};
  const e = emailOverrides;
  const b = botOverrides;
  const interfaces = {
    logger: { log },
    'email-overrides': {
      isFree: answerOf(e, 'isFree', 'emailOverrides.isFree', ANSWERS, 'unknown'),
      isDisposable: answerOf(e, 'isDisposable', 'emailOverrides.isDisposable', ANSWERS, 'unknown'),
      hasMxRecords: answerOf(e, 'hasMxRecords', 'emailOverrides.hasMxRecords', ANSWERS, 'unknown'),
      hasGravatar: answerOf(e, 'hasGravatar', 'emailOverrides.hasGravatar', ANSWERS, 'unknown'),
    },
    'bot-overrides': {
      verify: answerOf(b, 'verify', 'botOverrides.verify', VERIFICATIONS, 'unverifiable'),
    },
  };
  addCoreLowering(interfaces); // used when the component was transpiled with hybrid import bindings
  const imports = {};
  for (const [name, impl] of Object.entries(interfaces)) {
    imports[`${PACKAGE}/${name}`] = impl;
    imports[`${PACKAGE}/${name}@${WIT_VERSION}`] = impl;
  }
  return imports;
}

function analysisErrorOf(e) {
  if (e instanceof Error && e.constructor?.name === 'ComponentError' && Object.hasOwn(e, 'payload')) {
    const p = e.payload;
    if (p && typeof p === 'object' && typeof p.tag === 'string') return { tag: p.tag, val: p.val };
  }
  return undefined;
}

/** Set to "jco" to call jco's generated export functions instead of the direct calls. */
export const GLUE_ENV = 'WARDEN_NODE_GLUE';

/** One analyzer: one component instance with its host imports. Not re-entrant. */
class Analyzer {
  #component;
  #imports;
  #useDirect;
  #root; // jco's exports, or undefined after an engine error
  #direct; // src/direct.js calls on the same instance, or undefined (jco's functions)
  #busy = false;

  constructor(component, imports, useDirect) {
    this.#component = component;
    this.#imports = imports;
    this.#useDirect = useDirect;
    this.#instantiate();
  }

  /** 'direct' (src/direct.js) or 'jco' (jco's generated functions): how calls are made. */
  get glue() {
    return this.#direct ? 'direct' : 'jco';
  }

  #instantiate() {
    const { root, core } = this.#component.instantiate(this.#imports);
    this.#root = root;
    this.#direct = this.#useDirect && core ? bindDirect(core, this.#component.wit) : undefined;
  }

  #ensureInstance() {
    if (this.#root !== undefined) return;
    try {
      this.#instantiate();
    } catch (e) {
      throw new WardenEngineError(e);
    }
  }

  // Runs a direct call: what the argument checks throw passes through; anything thrown once
  // the module was entered discards the instance.
  #callDirect(fn, a, b) {
    if (this.#busy) throw new WardenEngineError(new Error('re-entrant call into the analyzer'));
    this.#busy = true;
    const direct = this.#direct;
    try {
      return fn(a, b);
    } catch (e) {
      if (!direct.state.entered) throw e;
      this.#root = undefined;
      this.#direct = undefined;
      throw new WardenEngineError(e);
    } finally {
      this.#busy = false;
    }
  }

  #call(invoke) {
    try {
      return invoke(this.#root);
    } catch (e) {
      const error = analysisErrorOf(e);
      if (error) return { error };
      this.#root = undefined;
      this.#direct = undefined;
      throw new WardenEngineError(e);
    }
  }

  generateFingerprint(request, characteristics = []) {
    this.#ensureInstance();
    if (this.#direct) return this.#callDirect(this.#direct.generateFingerprint, request, characteristics);
    const req = toWitRequest(request);
    const chars = toWitCharacteristics(characteristics);
    return this.#call((root) => ({ fingerprint: root.generateFingerprint(req, chars) }));
  }

  detectBot(request, config) {
    this.#ensureInstance();
    if (this.#direct) return this.#callDirect(this.#direct.detectBot, request, config);
    const req = toWitRequest(request);
    const cfg = toWitBotConfig(config);
    return this.#call((root) => fromWitBotResult(root.detectBot(req, cfg)));
  }

  validateEmail(candidate, config) {
    if (typeof candidate !== 'string') throw new TypeError('candidate must be a string');
    // A WIT string is UTF-8, so an unpaired surrogate cannot reach the module (the canonical
    // ABI would turn it into U+FFFD): it is the module's "invalid-utf8" verdict, given here.
    if (!candidate.isWellFormed()) {
      toWitEmailConfig(config); // the config is still checked
      return { validity: 'invalid', reason: 'invalid-utf8', blocked: ['INVALID'] };
    }
    this.#ensureInstance();
    if (this.#direct) return this.#callDirect(this.#direct.validateEmail, candidate, config);
    const cfg = toWitEmailConfig(config);
    return this.#call((root) => fromWitEmailResult(root.validateEmail(candidate, cfg)));
  }
}

/**
 * Creates an analyzer. Loads and compiles the component on first use in the process
 * (shared by later analyzers), then instantiates it with the given host imports.
 * Rejects with an Error if the component cannot be loaded or instantiated, TypeError on
 * bad options.
 */
export async function createAnalyzer(options = {}) {
  const imports = buildImports(options);
  const component = await loadComponent(options.componentDir);
  // With jco's "js" import bindings its import trampolines keep task records that only jco's
  // own export functions clear, so direct calls need the core-level imports of
  // src/imports.js, which jco wires in with "hybrid" bindings.
  const useDirect = process.env[GLUE_ENV] !== 'jco' && component.importBindings === 'hybrid';
  try {
    return new Analyzer(component, imports, useDirect);
  } catch (e) {
    throw new WardenEngineError(e);
  }
}
