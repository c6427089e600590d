// The eval batch protocol (docs/eval.md): one JSON input line → one JSON output line, for
// the functions generate-fingerprint, detect-bot and validate-email. The C++ `warden eval`
// follows the same contract; outputs must be byte-identical.
//
// Shape checks run in the documented order and report the first failure as
// `invalid request: <path> <problem>`; the checked input then goes through the public
// wrapper (src/index.js). A line's "overrides" (src/eval/overrides.js) are bound for its
// call; they reach the module only through an analyzer created with overrideImports().

import { WardenEngineError, formatAnalysisError } from '../index.js';
import { EMAIL_TYPES } from '../convert.js';
import { isObject, parseJson } from './json.js';
import { parseBotOverrides, parseEmailOverrides, withOverrides } from './overrides.js';

export const FUNCTIONS = Object.freeze(['generate-fingerprint', 'detect-bot', 'validate-email']);

const REQUEST_STRINGS_1 = ['ip', 'method', 'protocol', 'host', 'path'];
const REQUEST_STRINGS_2 = ['cookies', 'query'];

class ShapeError extends Error {}

function shape(path, problem) {
  throw new ShapeError(`invalid request: ${path} ${problem}`);
}

function str(obj, key, path, fallback = '') {
  if (!obj.has(key)) return fallback;
  const v = obj.get(key);
  if (typeof v !== 'string') shape(path, 'must be a string');
  return v;
}

function pairs(obj, key, path) {
  if (!obj.has(key)) return [];
  const m = obj.get(key);
  if (!isObject(m)) shape(path, 'must be an object');
  const out = [];
  for (const [name, value] of m) {
    if (typeof value !== 'string') shape(`${path}[${JSON.stringify(name)}]`, 'must be a string');
    out.push([name, value]);
  }
  return out;
}

function request(input) {
  if (!input.has('request')) return {};
  const r = input.get('request');
  if (!isObject(r)) shape('request', 'must be an object');
  const out = {};
  for (const k of REQUEST_STRINGS_1) out[k] = str(r, k, `request.${k}`);
  out.headers = pairs(r, 'headers', 'request.headers');
  for (const k of REQUEST_STRINGS_2) out[k] = str(r, k, `request.${k}`);
  if (r.has('body')) out.body = str(r, 'body', 'request.body');
  out.extra = pairs(r, 'extra', 'request.extra');
  return out;
}

function stringList(list, path) {
  list.forEach((v, i) => {
    if (typeof v !== 'string') shape(`${path}[${i}]`, 'must be a string');
  });
  return list;
}

// config: an object with exactly one of allow / deny (present, whatever its value).
function allowOrDeny(input) {
  const c = input.get('config');
  if (!isObject(c)) shape('config', 'must be an object');
  return c;
}

function ruleOf(c) {
  if (c.has('allow') === c.has('deny')) shape('config', 'must have exactly one of allow or deny');
  const tag = c.has('allow') ? 'allow' : 'deny';
  const list = c.get(tag);
  if (!Array.isArray(list)) shape(`config.${tag}`, 'must be an array');
  return { tag, list, path: `config.${tag}` };
}

// The line's "overrides" parsed by `parse`, or null when absent.
function overridesOf(input, parse) {
  return input.has('overrides') ? parse(input.get('overrides'), shape) : null;
}

// Calls `call` with `overrides` bound; a successful result made by `ok` then also lists the
// import calls (only when the line has overrides).
function analyse(overrides, call, ok) {
  const calls = overrides ? [] : null;
  const r = withOverrides(overrides, calls, call);
  if (r.error) return r;
  const out = ok(r);
  if (calls) out.calls = calls;
  return out;
}

function bool(c, key, fallback) {
  if (!c.has(key)) return fallback;
  const v = c.get(key);
  if (typeof v !== 'boolean') shape(`config.${key}`, 'must be a boolean');
  return v;
}

// The email options after the first two (docs/email-validation.md), in the order the eval
// checks them; only those present (absent ones keep the package's defaults).
const EMAIL_BOOL_OPTIONS = ['allowDisplayName', 'requireAsciiLocalPart', 'allowEmptyLocalPart', 'allowTestDomain',
  'ignoreLengthLimits'];

function emailOptions(c) {
  const options = {};
  for (const key of EMAIL_BOOL_OPTIONS) if (c.has(key)) options[key] = bool(c, key, false);
  if (c.has('allowedTopLevelDomains')) {
    const tlds = c.get('allowedTopLevelDomains');
    if (!Array.isArray(tlds)) shape('config.allowedTopLevelDomains', 'must be an array');
    options.allowedTopLevelDomains = stringList(tlds, 'config.allowedTopLevelDomains');
  }
  return options;
}

const handlers = {
  'generate-fingerprint'(analyzer, input) {
    const req = request(input);
    let chars = [];
    if (input.has('characteristics')) {
      chars = input.get('characteristics');
      if (!Array.isArray(chars)) shape('characteristics', 'must be an array');
      stringList(chars, 'characteristics');
    }
    const r = analyzer.generateFingerprint(req, chars);
    return r.error ? r : { fingerprint: r.fingerprint };
  },

  'detect-bot'(analyzer, input) {
    const req = request(input);
    const { tag, list, path } = ruleOf(allowOrDeny(input));
    stringList(list, path);
    const overrides = overridesOf(input, parseBotOverrides);
    return analyse(overrides, () => analyzer.detectBot(req, { [tag]: list }),
      (r) => ({
        allowed: r.allowed, denied: r.denied, categories: r.categories, verified: r.verified,
        spoofed: r.spoofed, missingUserAgent: r.missingUserAgent,
      }));
  },

  'validate-email'(analyzer, input) {
    const email = str(input, 'email', 'email');
    const c = allowOrDeny(input);
    const requireTopLevelDomain = bool(c, 'requireTopLevelDomain', true);
    const allowDomainLiteral = bool(c, 'allowDomainLiteral', false);
    const options = emailOptions(c);
    const { tag, list, path } = ruleOf(c);
    list.forEach((v, i) => {
      if (typeof v !== 'string') shape(`${path}[${i}]`, 'must be a string');
      if (!Object.hasOwn(EMAIL_TYPES, v)) shape(`${path}[${i}]`, `unknown email type ${JSON.stringify(v)}`);
    });
    const overrides = overridesOf(input, parseEmailOverrides);
    const config = { requireTopLevelDomain, allowDomainLiteral, ...options, [tag]: list };
    return analyse(overrides, () => analyzer.validateEmail(email, config),
      (r) => (r.reason === undefined
        ? { validity: r.validity, blocked: r.blocked }
        : { validity: r.validity, reason: r.reason, blocked: r.blocked }));
  },
};

/**
 * The output line (without the newline) for one input line of `fn`, given as a string that
 * is already known to be valid UTF-8. Never throws for bad input.
 */
export function evalLine(analyzer, fn, line) {
  const input = parseJson(line);
  if (input === undefined) return '{"error":"malformed JSON"}';
  let out;
  try {
    if (!isObject(input)) shape('input', 'must be an object');
    const r = handlers[fn](analyzer, input);
    out = r.error ? { error: formatAnalysisError(r.error) } : r;
  } catch (e) {
    if (e instanceof ShapeError) out = { error: e.message };
    else if (e instanceof WardenEngineError) out = { error: `engine: ${e.message}` };
    else throw e;
  }
  return JSON.stringify(out);
}
