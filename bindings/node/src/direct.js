// The analyzer's three exports called straight on the core module, with the Canonical ABI
// lowering and lifting written here for wit/analyzer.wit (docs/node.md, "Direct calls").
//
// jco 1.35's generated export functions run its whole async-task machinery on every call
// (task objects, task-meta bookkeeping, ComponentError for the error side): for a small
// call that is most of the time. jco still instantiates the component (core modules, import
// wiring, `_initialize`; the imports are src/imports.js); the wrapper picks up the main core
// instance through the `instantiateCore` hook of the generated `instantiate()` and calls its
// exports here: one `cabi_realloc` per call for all arguments, results lifted straight into
// the wrapper's result shapes, the error side returned as a value, `cabi_post_*` after
// lifting.
//
// This file encodes the WIT's memory layout, so it is only used for the WIT it was written
// for: bindDirect() answers undefined (the wrapper then uses jco's generated functions)
// unless the component's WIT text (build-component.mjs writes it beside the component) has
// the digest EXPECTED_WIT_SHA256 once comments and blank space are dropped, and the core
// exports have the expected names and parameter counts. test/direct.test.mjs compares both
// paths.

import { createHash } from 'node:crypto';

import {
  allowOrDeny, emailBool, expectString, optionalString, toBody, toPairs,
} from './convert.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Case names by discriminant (WIT order).
const EMAIL_TYPE_NAMES = ['INVALID', 'DISPOSABLE', 'FREE', 'NO_MX_RECORDS', 'NO_GRAVATAR'];
const EMAIL_TYPE_CODES = new Map(EMAIL_TYPE_NAMES.map((n, i) => [n, i]));
const VALIDITY = ['valid', 'invalid'];
const INVALID_REASONS = [
  'empty', 'invalid-utf8', 'control-character', 'display-name', 'comment', 'missing-at',
  'local-part-empty', 'local-part-too-long', 'unterminated-quote', 'invalid-character',
  'leading-dot', 'trailing-dot', 'consecutive-dots', 'domain-empty', 'domain-too-long',
  'address-too-long', 'label-too-long', 'label-hyphen', 'invalid-idna',
  'missing-top-level-domain', 'invalid-top-level-domain', 'reserved-domain',
  'domain-literal-not-allowed', 'invalid-domain-literal', 'invalid-display-name',
  'non-ascii-local-part', 'top-level-domain-not-allowed',
];
const ERROR_TAGS = ['missing-characteristic', 'invalid-input', 'internal'];

// The layout below is for this WIT: the SHA-256 of wit/analyzer.wit after normalizeWit().
// A WIT change turns direct calls off (test/direct.test.mjs then fails) until the layout here
// is checked against it and this digest updated (witDigest() of the new wit/analyzer.wit).
export const EXPECTED_WIT_SHA256 = 'd41c087a948bb0f2e0245f518b75e3aba5aa877c101cc504fabf2f10b426f30e';

/** WIT text without comments, with every run of blank space one space. */
export function normalizeWit(text) {
  return text.replace(/\/\/[^\n]*/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The digest EXPECTED_WIT_SHA256 is compared with. */
export function witDigest(text) {
  return createHash('sha256').update(normalizeWit(text)).digest('hex');
}

// Byte offsets of the `request` record (size 84, align 4) and of the exports' parameter
// areas (the parameters do not fit in 16 flat values, so they are passed in memory).
const REQ_SIZE = 84;
const FP_AREA = 92; // request, characteristics list at 84
const BOT_AREA = 96; // request, bot-config variant at 84 (case u8, list at 88)
const STRING_FIELDS = ['ip', 'method', 'protocol', 'host', 'path'];
const STRING_LABELS = STRING_FIELDS.map((k) => `request.${k}`);

class BadResult extends Error {}

/**
 * The direct calls for a core instance's `exports` — {generateFingerprint(request,
 * characteristics), detectBot(request, config), validateEmail(candidate, config), state} in
 * the wrapper's shapes — or undefined when the WIT or the exports are not the expected ones.
 * `wit` is the component's WIT text (undefined: no direct calls). Argument checks throw
 * TypeError before the module is entered; `state.entered` tells whether the last call got
 * that far (what it throws after that is an engine error). Not re-entrant.
 */
export function bindDirect(exports, wit) {
  if (wit === undefined || witDigest(wit) !== EXPECTED_WIT_SHA256) return undefined;
  const memory = exports.memory;
  const realloc = exports.cabi_realloc;
  const fp = exports['generate-fingerprint'];
  const bot = exports['detect-bot'];
  const email = exports['validate-email'];
  const fpPost = exports['cabi_post_generate-fingerprint'];
  const botPost = exports['cabi_post_detect-bot'];
  const emailPost = exports['cabi_post_validate-email'];
  const fns = [realloc, fp, bot, email, fpPost, botPost, emailPost];
  if (!(memory instanceof WebAssembly.Memory) || fns.some((f) => typeof f !== 'function')) return undefined;
  if (realloc.length !== 4 || fp.length !== 1 || bot.length !== 1 || email.length !== 14) return undefined;

  let u8 = new Uint8Array(0);
  let dv = new DataView(u8.buffer);
  // Growing the memory detaches its old buffer (length 0), so a view of length 0 is stale.
  const views = () => {
    if (u8.length === 0) {
      const b = memory.buffer;
      u8 = new Uint8Array(b);
      dv = new DataView(b);
    }
  };

  // Writes the UTF-8 of `s` at `at` (room for 3 bytes per UTF-16 unit was reserved); returns
  // the byte length. An unpaired surrogate becomes U+FFFD, as in jco's lowering. Short ASCII
  // strings are copied by a loop: below ~30 units that beats encodeInto and its subarray.
  const putString = (s, at) => {
    const n = s.length;
    if (n <= 24) {
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        u8[at + i] = c;
      }
      if (i === n) return n;
    }
    return encoder.encodeInto(s, u8.subarray(at, at + 3 * n)).written;
  };

  const getString = (ptr, len) => (len === 0 ? '' : decoder.decode(u8.subarray(ptr, ptr + len)));

  const getStrings = (at) => {
    const base = dv.getUint32(at, true);
    const len = dv.getUint32(at + 4, true);
    const out = new Array(len);
    for (let i = 0; i < len; i++) {
      const e = base + 8 * i;
      out[i] = getString(dv.getUint32(e, true), dv.getUint32(e + 4, true));
    }
    return out;
  };

  const getBool = (at) => {
    const b = u8[at];
    if (b > 1) throw new BadResult(`invalid bool ${b}`);
    return b === 1;
  };

  // The error side of a result<_, analysis-error> at `ret`.
  const getError = (ret) => {
    const tag = ERROR_TAGS[u8[ret + 4]];
    if (tag === undefined) throw new BadResult('invalid analysis-error case');
    return { error: { tag, val: getString(dv.getUint32(ret + 8, true), dv.getUint32(ret + 12, true)) } };
  };

  // A checked request (wrapper shape), held between measuring and writing.
  const req = { strings: ['', '', '', '', '', '', ''], headers: [], extra: [], body: undefined };

  // Checks `request` into `req`; returns the bytes its data needs after the record.
  const checkRequest = (request) => {
    if (request === null || typeof request !== 'object') throw new TypeError('request must be an object');
    const strings = req.strings;
    let units = 0;
    for (let i = 0; i < 5; i++) {
      const value = request[STRING_FIELDS[i]];
      if (typeof value === 'string') strings[i] = value;
      else strings[i] = optionalString(request, STRING_FIELDS[i], STRING_LABELS[i]);
      units += strings[i].length;
    }
    const headers = (req.headers = toPairs(request.headers, 'request.headers'));
    units += (strings[5] = optionalString(request, 'cookies', 'request.cookies')).length;
    units += (strings[6] = optionalString(request, 'query', 'request.query')).length;
    const body = (req.body = toBody(request.body));
    const extra = (req.extra = toPairs(request.extra, 'request.extra'));
    for (let i = 0; i < headers.length; i++) units += headers[i][0].length + headers[i][1].length;
    for (let i = 0; i < extra.length; i++) units += extra[i][0].length + extra[i][1].length;
    return 16 * (headers.length + extra.length) + (body ? body.byteLength : 0) + 3 * units;
  };

  // Writes a list<tuple<string, string>> of `pairs`: the elements at `arr`, the text from
  // `text` on. Returns the new text cursor.
  const putPairs = (slot, pairs, arr, text) => {
    dv.setUint32(slot, arr, true);
    dv.setUint32(slot + 4, pairs.length, true);
    for (let i = 0; i < pairs.length; i++) {
      const e = arr + 16 * i;
      let n = putString(pairs[i][0], text);
      dv.setUint32(e, text, true);
      dv.setUint32(e + 4, n, true);
      text += n;
      n = putString(pairs[i][1], text);
      dv.setUint32(e + 8, text, true);
      dv.setUint32(e + 12, n, true);
      text += n;
    }
    return text;
  };

  const putStringAt = (slot, s, text) => {
    const n = putString(s, text);
    dv.setUint32(slot, text, true);
    dv.setUint32(slot + 4, n, true);
    return text + n;
  };

  // Writes the checked request at `p` (its record), its lists from `arr`, then its text;
  // `extraArrays` bytes of 4-aligned room after the request's own lists are left for the
  // caller. Sets cursor.arrays (that room) and cursor.text (where the text ends).
  const cursor = { arrays: 0, text: 0 };
  const putRequest = (p, arr, extraArrays) => {
    const { strings, headers, extra, body } = req;
    const headersAt = arr;
    const extraAt = headersAt + 16 * headers.length;
    const callerAt = extraAt + 16 * extra.length;
    let text = callerAt + extraArrays;
    if (body) {
      u8.set(body, text);
      u8[p + 64] = 1;
      dv.setUint32(p + 68, text, true);
      dv.setUint32(p + 72, body.byteLength, true);
      text += body.byteLength;
    } else {
      u8[p + 64] = 0;
    }
    for (let i = 0; i < 5; i++) text = putStringAt(p + 8 * i, strings[i], text);
    text = putPairs(p + 40, headers, headersAt, text);
    text = putStringAt(p + 48, strings[5], text);
    text = putStringAt(p + 56, strings[6], text);
    cursor.arrays = callerAt;
    cursor.text = putPairs(p + 76, extra, extraAt, text);
  };

  // Writes a list<string> into `slot`: elements at `arr`, text at `text`. Returns the cursor.
  const putStringList = (slot, list, arr, text) => {
    dv.setUint32(slot, arr, true);
    dv.setUint32(slot + 4, list.length, true);
    for (let i = 0; i < list.length; i++) {
      const n = putString(list[i], text);
      dv.setUint32(arr + 8 * i, text, true);
      dv.setUint32(arr + 8 * i + 4, n, true);
      text += n;
    }
    return text;
  };

  const unitsOf = (list) => {
    let units = 0;
    for (let i = 0; i < list.length; i++) units += list[i].length;
    return units;
  };

  // Whether the current call got past its argument checks into the module.
  const state = { entered: false };

  const alloc = (bytes) => {
    state.entered = true;
    const p = realloc(0, 0, 4, Math.max(bytes, 4));
    views();
    return p;
  };

  function generateFingerprint(request, characteristics) {
    state.entered = false;
    const need = checkRequest(request);
    if (!Array.isArray(characteristics)) throw new TypeError('characteristics must be an array');
    for (let i = 0; i < characteristics.length; i++) expectString(characteristics[i], `characteristics[${i}]`);
    const p = alloc(FP_AREA + need + 8 * characteristics.length + 3 * unitsOf(characteristics));
    putRequest(p, p + FP_AREA, 8 * characteristics.length);
    putStringList(p + REQ_SIZE, characteristics, cursor.arrays, cursor.text);
    const ret = fp(p);
    views();
    try {
      if (u8[ret] === 0) return { fingerprint: getString(dv.getUint32(ret + 4, true), dv.getUint32(ret + 8, true)) };
      if (u8[ret] === 1) return getError(ret);
      throw new BadResult('invalid result case');
    } finally {
      fpPost(ret);
    }
  }

  function detectBot(request, config) {
    state.entered = false;
    const need = checkRequest(request);
    const { tag, list } = allowOrDeny(config, 'config');
    for (let i = 0; i < list.length; i++) expectString(list[i], `config.${tag}[${i}]`);
    const p = alloc(BOT_AREA + need + 8 * list.length + 3 * unitsOf(list));
    putRequest(p, p + BOT_AREA, 8 * list.length);
    u8[p + REQ_SIZE] = tag === 'allow' ? 0 : 1;
    putStringList(p + REQ_SIZE + 4, list, cursor.arrays, cursor.text);
    const ret = bot(p);
    views();
    try {
      if (u8[ret] === 1) return getError(ret);
      if (u8[ret] !== 0) throw new BadResult('invalid result case');
      return {
        allowed: getStrings(ret + 4),
        denied: getStrings(ret + 12),
        categories: getStrings(ret + 20),
        verified: getBool(ret + 28),
        spoofed: getBool(ret + 29),
        missingUserAgent: getBool(ret + 30),
      };
    } finally {
      botPost(ret);
    }
  }

  function validateEmail(candidate, config) {
    state.entered = false;
    const { tag, list } = allowOrDeny(config, 'config');
    const tld = emailBool(config, 'requireTopLevelDomain', true);
    const literal = emailBool(config, 'allowDomainLiteral', false);
    const displayName = emailBool(config, 'allowDisplayName', false);
    const asciiLocal = emailBool(config, 'requireAsciiLocalPart', false);
    const emptyLocal = emailBool(config, 'allowEmptyLocalPart', false);
    const testDomain = emailBool(config, 'allowTestDomain', false);
    const noLimits = emailBool(config, 'ignoreLengthLimits', false);
    const tlds = config.allowedTopLevelDomains ?? [];
    if (!Array.isArray(tlds)) throw new TypeError('config.allowedTopLevelDomains must be an array');
    for (let i = 0; i < tlds.length; i++) expectString(tlds[i], `config.allowedTopLevelDomains[${i}]`);
    for (let i = 0; i < list.length; i++) {
      const name = list[i];
      if (typeof name !== 'string' || !EMAIL_TYPE_CODES.has(name)) {
        throw new TypeError(`config.${tag}[${i}]: unknown email type ${JSON.stringify(name)}`);
      }
    }
    // [tld list elements][rule bytes][candidate][tld text]
    const p = alloc(8 * tlds.length + list.length + 3 * (candidate.length + unitsOf(tlds)));
    const rule = p + 8 * tlds.length;
    for (let i = 0; i < list.length; i++) u8[rule + i] = EMAIL_TYPE_CODES.get(list[i]);
    const at = rule + list.length;
    const n = putString(candidate, at);
    let text = at + n;
    for (let i = 0; i < tlds.length; i++) {
      const m = putString(tlds[i], text);
      dv.setUint32(p + 8 * i, text, true);
      dv.setUint32(p + 8 * i + 4, m, true);
      text += m;
    }
    const ret = email(at, n, tld ? 1 : 0, literal ? 1 : 0, tag === 'allow' ? 0 : 1, rule, list.length,
      displayName ? 1 : 0, asciiLocal ? 1 : 0, emptyLocal ? 1 : 0, testDomain ? 1 : 0, noLimits ? 1 : 0,
      p, tlds.length);
    views();
    try {
      if (u8[ret] === 1) return getError(ret);
      if (u8[ret] !== 0) throw new BadResult('invalid result case');
      const validity = VALIDITY[u8[ret + 4]];
      if (validity === undefined) throw new BadResult('invalid email-validity');
      const base = dv.getUint32(ret + 8, true);
      const len = dv.getUint32(ret + 12, true);
      const blocked = new Array(len);
      for (let i = 0; i < len; i++) {
        const name = EMAIL_TYPE_NAMES[u8[base + i]];
        if (name === undefined) throw new BadResult('invalid email-type');
        blocked[i] = name;
      }
      if (u8[ret + 5] === 0) return { validity, blocked };
      const reason = INVALID_REASONS[u8[ret + 6]];
      if (u8[ret + 5] !== 1 || reason === undefined) throw new BadResult('invalid email-invalid-reason');
      return { validity, reason, blocked };
    } finally {
      emailPost(ret);
    }
  }

  return { generateFingerprint, detectBot, validateEmail, state };
}
