// The eval protocol's shape checks and output (src/eval/protocol.js), with a recording fake
// analyzer: no module needed. docs/eval.md is the contract.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WardenEngineError } from '../src/index.js';
import { evalLine } from '../src/eval/protocol.js';

function fake(result = {}) {
  const calls = [];
  return {
    calls,
    generateFingerprint: (...a) => (calls.push(a), result.fp ?? { fingerprint: 'fp::2::x' }),
    detectBot: (...a) => (calls.push(a), result.bot ?? {
      allowed: ['A'], denied: [], categories: ['CATEGORY:AI'], verified: false, spoofed: true, missingUserAgent: false,
    }),
    validateEmail: (...a) => (calls.push(a), result.email ?? { validity: 'valid', blocked: ['FREE'] }),
  };
}

const cases = [
  // [function, input line, output line]
  ['generate-fingerprint', '[1]', '{"error":"invalid request: input must be an object"}'],
  ['generate-fingerprint', '"x"', '{"error":"invalid request: input must be an object"}'],
  ['generate-fingerprint', '{"request":', '{"error":"malformed JSON"}'],
  ['generate-fingerprint', '{"request":[]}', '{"error":"invalid request: request must be an object"}'],
  ['generate-fingerprint', '{"request":{"ip":5}}', '{"error":"invalid request: request.ip must be a string"}'],
  ['generate-fingerprint', '{"request":{"ip":null}}', '{"error":"invalid request: request.ip must be a string"}'],
  ['generate-fingerprint', '{"request":{"path":1,"ip":2}}', '{"error":"invalid request: request.ip must be a string"}'],
  ['generate-fingerprint', '{"request":{"method":1,"headers":2}}', '{"error":"invalid request: request.method must be a string"}'],
  ['generate-fingerprint', '{"request":{"headers":2,"cookies":1}}', '{"error":"invalid request: request.headers must be an object"}'],
  ['generate-fingerprint', '{"request":{"headers":{"a":"1","b\\"c":1}}}', '{"error":"invalid request: request.headers[\\"b\\\\\\"c\\"] must be a string"}'],
  ['generate-fingerprint', '{"request":{"cookies":[],"query":1}}', '{"error":"invalid request: request.cookies must be a string"}'],
  ['generate-fingerprint', '{"request":{"body":{},"extra":1}}', '{"error":"invalid request: request.body must be a string"}'],
  ['generate-fingerprint', '{"request":{"extra":{"k":true}}}', '{"error":"invalid request: request.extra[\\"k\\"] must be a string"}'],
  ['generate-fingerprint', '{"characteristics":{},"request":{"ip":1}}', '{"error":"invalid request: request.ip must be a string"}'],
  ['generate-fingerprint', '{"characteristics":{}}', '{"error":"invalid request: characteristics must be an array"}'],
  ['generate-fingerprint', '{"characteristics":["a",2]}', '{"error":"invalid request: characteristics[1] must be a string"}'],
  ['generate-fingerprint', '{"request":{},"characteristics":[]}', '{"fingerprint":"fp::2::x"}'],
  ['detect-bot', '{"request":{}}', '{"error":"invalid request: config must be an object"}'],
  ['detect-bot', '{"request":{},"config":[]}', '{"error":"invalid request: config must be an object"}'],
  ['detect-bot', '{"request":{},"config":{}}', '{"error":"invalid request: config must have exactly one of allow or deny"}'],
  ['detect-bot', '{"config":{"allow":[],"deny":[]}}', '{"error":"invalid request: config must have exactly one of allow or deny"}'],
  ['detect-bot', '{"config":{"deny":null}}', '{"error":"invalid request: config.deny must be an array"}'],
  ['detect-bot', '{"config":{"allow":["X",1]}}', '{"error":"invalid request: config.allow[1] must be a string"}'],
  ['detect-bot', '{"request":{"ip":1},"config":{}}', '{"error":"invalid request: request.ip must be a string"}'],
  ['detect-bot', '{"config":{"allow":[]}}',
    '{"allowed":["A"],"denied":[],"categories":["CATEGORY:AI"],"verified":false,"spoofed":true,"missingUserAgent":false}'],
  ['validate-email', '{"email":1}', '{"error":"invalid request: email must be a string"}'],
  ['validate-email', '{"email":"a@b.c"}', '{"error":"invalid request: config must be an object"}'],
  ['validate-email', '{"config":{"requireTopLevelDomain":"yes"}}', '{"error":"invalid request: config.requireTopLevelDomain must be a boolean"}'],
  ['validate-email', '{"config":{"allowDomainLiteral":0,"deny":1}}', '{"error":"invalid request: config.allowDomainLiteral must be a boolean"}'],
  ['validate-email', '{"config":{"allowDomainLiteral":true}}', '{"error":"invalid request: config must have exactly one of allow or deny"}'],
  ['validate-email', '{"config":{"allowTestDomain":1,"deny":[]}}', '{"error":"invalid request: config.allowTestDomain must be a boolean"}'],
  ['validate-email', '{"config":{"allowedTopLevelDomains":{},"deny":1}}', '{"error":"invalid request: config.allowedTopLevelDomains must be an array"}'],
  ['validate-email', '{"config":{"allowedTopLevelDomains":["com",null]}}', '{"error":"invalid request: config.allowedTopLevelDomains[1] must be a string"}'],
  ['validate-email', '{"config":{"deny":"FREE"}}', '{"error":"invalid request: config.deny must be an array"}'],
  ['validate-email', '{"config":{"deny":["FREE","SPAM",1]}}', '{"error":"invalid request: config.deny[1] unknown email type \\"SPAM\\""}'],
  ['validate-email', '{"config":{"allow":[1,"SPAM"]}}', '{"error":"invalid request: config.allow[0] must be a string"}'],
  ['validate-email', '{"config":{"allow":["free"]}}', '{"error":"invalid request: config.allow[0] unknown email type \\"free\\""}'],
  ['validate-email', '{"email":"a@b.c","config":{"deny":["FREE"]}}', '{"validity":"valid","blocked":["FREE"]}'],
];

test('shape errors, in the documented order, and outputs', () => {
  for (const [fn, input, output] of cases) {
    assert.equal(evalLine(fake(), fn, input), output, `${fn} ${input}`);
  }
});

test('validate-email prints "reason" between validity and blocked, only when given', () => {
  const invalid = fake({ email: { blocked: ['INVALID'], reason: 'missing-at', validity: 'invalid' } });
  assert.equal(evalLine(invalid, 'validate-email', '{"email":"x","config":{"deny":[]}}'),
    '{"validity":"invalid","reason":"missing-at","blocked":["INVALID"]}');
  const valid = fake({ email: { blocked: [], validity: 'valid' } });
  assert.equal(evalLine(valid, 'validate-email', '{"email":"a@b.c","config":{"deny":[]}}'),
    '{"validity":"valid","blocked":[]}');
});

test('what reaches the analyzer: defaults, pairs in key order, body bytes as text', () => {
  const f = fake();
  evalLine(f, 'generate-fingerprint', '{"request":{"headers":{"b":"1","2":"x","b":"3"},"body":"hé","extra":{"k":"v"}}}');
  assert.deepEqual(f.calls[0], [
    {
      ip: '',
      method: '',
      protocol: '',
      host: '',
      path: '',
      headers: [['b', '3'], ['2', 'x']],
      cookies: '',
      query: '',
      body: 'hé',
      extra: [['k', 'v']],
    },
    [],
  ]);
  evalLine(f, 'generate-fingerprint', '{}');
  assert.deepEqual(f.calls[1], [{}, []]);
  assert.equal('body' in f.calls[1][0], false, 'absent body is none');
  evalLine(f, 'validate-email', '{"config":{"allow":["NO_GRAVATAR"]}}');
  assert.deepEqual(f.calls[2], ['', { requireTopLevelDomain: true, allowDomainLiteral: false, allow: ['NO_GRAVATAR'] }]);
  evalLine(f, 'validate-email', '{"email":"x","config":{"requireTopLevelDomain":false,"allowDomainLiteral":true,"deny":[]}}');
  assert.deepEqual(f.calls[3], ['x', { requireTopLevelDomain: false, allowDomainLiteral: true, deny: [] }]);
  evalLine(f, 'detect-bot', '{"config":{"deny":["CURL"],"other":1}}');
  assert.deepEqual(f.calls[4], [{}, { deny: ['CURL'] }]);
  evalLine(f, 'validate-email', '{"config":{"allowDisplayName":true,"allowedTopLevelDomains":["com"],"deny":[]}}');
  assert.deepEqual(f.calls[5], ['', {
    requireTopLevelDomain: true, allowDomainLiteral: false, allowDisplayName: true, allowedTopLevelDomains: ['com'], deny: [],
  }], 'the later options are passed on only when present');
});

test('analysis errors and engine errors become error lines', () => {
  const errors = [
    [{ tag: 'missing-characteristic', val: 'http.host' }, 'missing characteristic: http.host'],
    [{ tag: 'invalid-input', val: 'bad "x"' }, 'invalid input: bad "x"'],
    [{ tag: 'internal', val: 'oom' }, 'internal: oom'],
  ];
  for (const [error, text] of errors) {
    assert.equal(evalLine(fake({ fp: { error } }), 'generate-fingerprint', '{}'), JSON.stringify({ error: text }));
  }
  const broken = {
    detectBot() {
      throw new WardenEngineError(new Error('wasm trap: unreachable'));
    },
  };
  assert.equal(evalLine(broken, 'detect-bot', '{"config":{"allow":[]}}'), '{"error":"engine: wasm trap: unreachable"}');
});

test('output strings are escaped exactly as JSON.stringify does', () => {
  const val = 'q"\\/\b\f\n\r\t\u0001\u001f\u007f\u2028é😀';
  const line = evalLine(fake({ fp: { error: { tag: 'internal', val } } }), 'generate-fingerprint', '{}');
  assert.equal(line, `{"error":"internal: q\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028é😀"}`);
});
