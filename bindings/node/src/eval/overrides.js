// Per-line host import answers for the eval protocol (docs/eval.md, "Overrides"): the
// optional "overrides" object of a detect-bot or validate-email line, and the import calls
// recorded while it is analysed. The C++ side is tools/eval/eval_overrides.{h,cc}; output must
// be byte-identical.
//
// The analyzer's imports are fixed when it is created, so overrideImports() gives callbacks
// that answer from whatever withOverrides() has bound for the duration of one call (calls are
// synchronous, so a module-level binding is enough).

import { isObject } from './json.js';

const ANSWER_PROBLEM = 'must be "yes", "no" or "unknown"';
const VERIFICATION_PROBLEM = 'must be "verified", "spoofed" or "unverifiable"';
const ANSWERS = ['yes', 'no', 'unknown'];
const VERIFICATIONS = ['verified', 'spoofed', 'unverifiable'];

// [JSON key, WIT import name], in the order the checks run (the order the core asks).
const EMAIL_QUESTIONS = [
  ['isDisposable', 'is-disposable'],
  ['isFree', 'is-free'],
  ['hasMxRecords', 'has-mx-records'],
  ['hasGravatar', 'has-gravatar'],
];

// The binding: {answers, calls} of the line being analysed, or null.
let bound = null;

function enumMap(value, path, allowed, problem, shape) {
  if (!isObject(value)) shape(path, 'must be an object');
  const out = new Map();
  for (const [key, v] of value) {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      shape(`${path}[${JSON.stringify(key)}]`, problem);
    }
    out.set(key, v);
  }
  return out;
}

/**
 * Parses a validate-email line's "overrides" value: Map(import name → Map(argument → answer)).
 * `shape(path, problem)` throws the protocol's shape error.
 */
export function parseEmailOverrides(value, shape) {
  if (!isObject(value)) shape('overrides', 'must be an object');
  const out = new Map();
  for (const [key, name] of EMAIL_QUESTIONS) {
    const answers = value.has(key)
      ? enumMap(value.get(key), `overrides.${key}`, ANSWERS, ANSWER_PROBLEM, shape)
      : new Map();
    out.set(name, answers);
  }
  return out;
}

/** Parses a detect-bot line's "overrides": Map(verify → Map(bot ID → Map(ip → answer))). */
export function parseBotOverrides(value, shape) {
  if (!isObject(value)) shape('overrides', 'must be an object');
  const verify = new Map();
  if (value.has('verify')) {
    const v = value.get('verify');
    if (!isObject(v)) shape('overrides.verify', 'must be an object');
    for (const [id, byIp] of v) {
      const path = `overrides.verify[${JSON.stringify(id)}]`;
      verify.set(id, enumMap(byIp, path, VERIFICATIONS, VERIFICATION_PROBLEM, shape));
    }
  }
  return new Map([['verify', verify]]);
}

function record(call) {
  bound?.calls.push(call);
}

function answer(name, argument, fallback) {
  record([name, argument]);
  return bound?.answers.get(name)?.get(argument) ?? fallback;
}

/** The createAnalyzer() options whose imports answer from the current binding. */
export function overrideImports() {
  const email = {};
  for (const [, name] of EMAIL_QUESTIONS) {
    const method = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    email[method] = (argument) => answer(name, argument, 'unknown');
  }
  return {
    logger: { log: (level, message) => record(['log', level, message]) },
    emailOverrides: email,
    botOverrides: {
      verify: (id, ip) => {
        record(['verify', id, ip]);
        return bound?.answers.get('verify')?.get(id)?.get(ip) ?? 'unverifiable';
      },
    },
  };
}

/**
 * Runs `fn` with `answers` (from parse*Overrides, or null) bound, appending each import call
 * to `calls` (an array, or null: not recorded). Returns what `fn` returns.
 */
export function withOverrides(answers, calls, fn) {
  const previous = bound;
  bound = answers || calls ? { answers: answers ?? new Map(), calls: calls ?? [] } : null;
  try {
    return fn();
  } finally {
    bound = previous;
  }
}
