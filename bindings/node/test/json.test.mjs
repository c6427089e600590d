// The eval protocol's strict, order-preserving JSON parser (src/eval/json.js).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJson } from '../src/eval/json.js';

const VALID = [
  '{}',
  '[]',
  ' {"a" : [1, -2.5e+3, 0, true, false, null, "x"]} ',
  '"\\u00e9\\n\\t\\"\\\\\\/"',
  '"\\ud83d\\ude00"',
  '0',
  '-0.0e0',
  '1e-400',
  '[[[[[]]]]]',
  '\t\r{"k":{}}\r',
];
const MALFORMED = [
  '',
  '{',
  '{"a":}',
  '{"a":1,}',
  '[1,]',
  '{a:1}',
  "{'a':1}",
  '01',
  '1.',
  '.5',
  '+1',
  '-',
  'tru',
  'truex',
  'NaN',
  'Infinity',
  '1e400',
  '-1e400',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '{"\\ud800":1}',
  '"\\x41"',
  '"\\u12"',
  '"a\tb"',
  '"unterminated',
  '{} {}',
  '{}x',
  '/* c */ {}',
  '\ufeff{}',
  '\u00a0{}',
];

test('accepts what JSON.parse accepts (within the protocol rules) and agrees on values', () => {
  for (const text of VALID) {
    const v = parseJson(text);
    assert.notEqual(v, undefined, text);
    const plain = (x) =>
      x instanceof Map ? Object.fromEntries([...x].map(([k, y]) => [k, plain(y)])) : Array.isArray(x) ? x.map(plain) : x;
    assert.deepEqual(plain(v), JSON.parse(text), text);
  }
});

test('rejects malformed JSON and the protocol extras (lone surrogates, overflow, BOM)', () => {
  for (const text of MALFORMED) assert.equal(parseJson(text), undefined, JSON.stringify(text));
});

test('keeps key order, integer-like keys included; a repeated key keeps first place, last value', () => {
  const v = parseJson('{"b":1,"2":2,"a":3,"1":4,"b":5}');
  assert.deepEqual([...v], [['b', 5], ['2', 2], ['a', 3], ['1', 4]]);
});

test('deep nesting does not overflow the stack', () => {
  const depth = 200000;
  const v = parseJson('['.repeat(depth) + ']'.repeat(depth));
  assert.ok(Array.isArray(v));
  assert.equal(parseJson('['.repeat(depth) + ']'.repeat(depth - 1)), undefined);
});

test('agrees with JSON.parse on random near-JSON text', () => {
  // Tokens chosen so that random sequences are sometimes valid, often nearly so.
  const tokens = ['{', '}', '[', ']', ',', ':', ' ', '"a"', '"\\u0041"', '"\\q"', '1', '-0', '2.5e3', '01', 'true', 'nul', 'null', '"', '\\'];
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let valid = 0;
  for (let i = 0; i < 20000; i++) {
    let text = '';
    const len = 1 + rand(8);
    for (let j = 0; j < len; j++) text += tokens[rand(tokens.length)];
    let expected;
    try {
      JSON.parse(text);
      expected = true;
    } catch {
      expected = false;
    }
    valid += expected;
    assert.equal(parseJson(text) !== undefined, expected, text);
  }
  assert.ok(valid > 100, `only ${valid} valid samples`);
});
