// The direct calls (src/direct.js) against jco's generated export functions on the same
// component: the same answers for generated requests, bot configs and email candidates, the
// same import calls, memory growth, engine errors; and the WIT they were written for.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { before, describe, test } from 'node:test';
import { EXPECTED_WIT_SHA256, witDigest } from '../src/direct.js';
import { GLUE_ENV, WardenEngineError, createAnalyzer } from '../src/index.js';
import { PACKAGE_DIR, componentSkip, prng } from './support.mjs';

const skip = componentSkip();

test('src/direct.js was written for wit/analyzer.wit', () => {
  const wit = readFileSync(path.join(PACKAGE_DIR, '..', '..', 'wit', 'analyzer.wit'), 'utf8');
  assert.equal(witDigest(wit), EXPECTED_WIT_SHA256,
    'the WIT changed: check src/direct.js layouts against it, then update EXPECTED_WIT_SHA256');
  assert.equal(witDigest(`// a comment\n${wit.replace(/\n/g, '\n\n  ')}`), EXPECTED_WIT_SHA256);
});

// Both analyzers with imports that record their calls and answer from `answers`.
async function pair() {
  const calls = [];
  const answers = { free: 'unknown', verify: 'unverifiable' };
  const options = () => ({
    logger: { log: (level, message) => calls.push(['log', level, message]) },
    emailOverrides: {
      isFree: (d) => (calls.push(['isFree', d]), answers.free),
      isDisposable: (d) => (calls.push(['isDisposable', d]), 'no'),
      hasMxRecords: (d) => (calls.push(['hasMxRecords', d]), 'yes'),
      hasGravatar: (e) => (calls.push(['hasGravatar', e]), 'unknown'),
    },
    botOverrides: { verify: (id, ip) => (calls.push(['verify', id, ip]), answers.verify) },
  });
  const direct = await createAnalyzer(options());
  const saved = process.env[GLUE_ENV];
  process.env[GLUE_ENV] = 'jco';
  try {
    const jco = await createAnalyzer(options());
    return { direct, jco, calls, answers };
  } finally {
    if (saved === undefined) delete process.env[GLUE_ENV];
    else process.env[GLUE_ENV] = saved;
  }
}

// Both answers (or both thrown error classes and messages) and import calls must match.
function same(ctx, fn) {
  const run = (a) => {
    ctx.calls.length = 0;
    let out;
    try {
      out = { value: fn(a) };
    } catch (e) {
      out = { thrown: e.constructor.name, message: e.message };
    }
    return { out, calls: [...ctx.calls] };
  };
  const d = run(ctx.direct);
  assert.deepEqual(d, run(ctx.jco));
  return d.out;
}

const PIECES = ['', 'a', 'é', '€', '😀', '\ud800', 'curl/8.5.0', 'Googlebot/2.1', 'Mozilla/5.0 (X11)', ' ', 'x'.repeat(300)];
const NAMES = ['User-Agent', 'user-agent', 'Host', 'Accept', 'X-Forwarded-For', 'cookie', 'k'];
const CHARS = ['ip.src', 'http.host', 'http.method', 'http.request.uri.path', 'http.request.headers["user-agent"]',
  'http.request.cookie["a"]', 'http.request.uri.args["q"]', 'k', 'missing'];
const BOTS = ['CURL', 'GOOGLE_CRAWLER', 'CATEGORY:TOOL', 'CATEGORY:SEARCH_ENGINE', 'MISSING_USER_AGENT', 'NOPE'];
const EMAILS = ['alice@example.com', 'john..doe@example.com', '', '@x.com', 'jörg@bücher.example', 'a@[1.2.3.4]',
  'Name <a@b.com>', `${'l'.repeat(70)}@example.com`, 'a@b', 'a@localhost', '"q s"@example.com', 'x@test'];

function generator(seed) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const text = () => Array.from({ length: Math.floor(rand() * 3) }, () => pick(PIECES)).join('');
  const pairs = (names) => Array.from({ length: Math.floor(rand() * 5) }, () => [pick(names), text()]);
  const request = () => {
    const r = {};
    for (const k of ['ip', 'method', 'protocol', 'host', 'path', 'cookies', 'query']) if (rand() < 0.7) r[k] = text();
    if (rand() < 0.8) r.headers = pairs(NAMES);
    if (rand() < 0.3) r.extra = pairs(['k', 'tenant', 'é']);
    if (rand() < 0.3) r.body = rand() < 0.5 ? text() : new Uint8Array(Math.floor(rand() * 40)).fill(7);
    if (rand() < 0.5 && r.headers) r.headers.push(['User-Agent', pick(PIECES)]);
    return r;
  };
  const list = (from) => Array.from({ length: Math.floor(rand() * 4) }, () => pick(from));
  const emailConfig = () => {
    const c = rand() < 0.5 ? { deny: list(['INVALID', 'FREE', 'DISPOSABLE', 'NO_MX_RECORDS', 'NO_GRAVATAR']) }
      : { allow: list(['INVALID', 'FREE', 'DISPOSABLE']) };
    for (const k of ['requireTopLevelDomain', 'allowDomainLiteral', 'allowDisplayName', 'requireAsciiLocalPart',
      'allowEmptyLocalPart', 'allowTestDomain', 'ignoreLengthLimits']) if (rand() < 0.3) c[k] = rand() < 0.5;
    if (rand() < 0.2) c.allowedTopLevelDomains = list(['com', 'de', 'example', 'бг']);
    return c;
  };
  return { rand, pick, text, request, list, emailConfig };
}

describe('direct calls and jco\'s functions agree', { skip }, () => {
  let ctx;
  before(async () => {
    ctx = await pair();
  });

  test('the direct calls are in use', () => {
    assert.equal(ctx.direct.glue, 'direct');
    assert.equal(ctx.jco.glue, 'jco');
  });

  test('generated requests through the three functions', () => {
    const g = generator(20261126);
    for (let i = 0; i < 400; i++) {
      const req = g.request();
      const chars = g.list(CHARS);
      same(ctx, (a) => a.generateFingerprint(req, chars));
      const cfg = g.rand() < 0.5 ? { allow: g.list(BOTS) } : { deny: g.list(BOTS) };
      ctx.answers.verify = g.pick(['verified', 'spoofed', 'unverifiable']);
      same(ctx, (a) => a.detectBot(req, cfg));
      ctx.answers.free = g.pick(['yes', 'no', 'unknown']);
      const email = g.rand() < 0.7 ? g.pick(EMAILS) : `${g.text()}@${g.text()}.com`;
      const emailConfig = g.emailConfig();
      same(ctx, (a) => a.validateEmail(email, emailConfig));
    }
  });

  test('known bots give non-empty results', () => {
    const r = same(ctx, (a) => a.detectBot({ headers: [['User-Agent', 'curl/8.5.0']] }, { deny: ['CURL'] }));
    assert.deepEqual(r.value.denied, ['CURL']);
    const e = same(ctx, (a) => a.validateEmail('john..doe@example.com', { deny: ['INVALID'] }));
    assert.deepEqual(e.value, { validity: 'invalid', reason: 'consecutive-dots', blocked: ['INVALID'] });
  });

  test('a request larger than the module memory (it grows mid-call)', () => {
    const big = 'a'.repeat(3 << 20);
    const req = { headers: [['User-Agent', big], ['X', 'é'.repeat(1 << 20)]], body: new Uint8Array(5 << 20) };
    same(ctx, (a) => a.generateFingerprint(req, ['http.request.headers["user-agent"]', 'http.request.headers["x"]']));
    same(ctx, (a) => a.detectBot(req, { allow: [] }));
    same(ctx, (a) => a.validateEmail(`${'a'.repeat(1 << 20)}@example.com`, { deny: [], ignoreLengthLimits: true }));
  });

  test('argument errors are the same TypeErrors', () => {
    same(ctx, (a) => a.detectBot({ ip: 1 }, { deny: [] }));
    same(ctx, (a) => a.detectBot({ headers: [['a']] }, { deny: [] }));
    same(ctx, (a) => a.detectBot({}, { deny: [], allow: [] }));
    same(ctx, (a) => a.generateFingerprint({}, 'ip.src'));
    same(ctx, (a) => a.generateFingerprint({}, [1]));
    same(ctx, (a) => a.validateEmail('a@b.c', { deny: ['NOPE'] }));
    same(ctx, (a) => a.validateEmail('a@b.c', { deny: [], allowedTopLevelDomains: [3] }));
    same(ctx, (a) => a.validateEmail('a@b.c', { deny: [], allowTestDomain: 'yes' }));
    same(ctx, (a) => a.validateEmail('\ud800@b.c', { deny: [] }));
    same(ctx, (a) => a.validateEmail('\ud800@b.c', { deny: ['NOPE'] }));
  });

  test('an import that answers out of range is an engine error; the next call recovers', () => {
    ctx.answers.free = 'maybe';
    const call = (a) => a.validateEmail('a@gmail.com', { deny: ['FREE'] });
    assert.throws(() => call(ctx.direct), WardenEngineError);
    ctx.answers.free = 'yes';
    same(ctx, call);
    assert.equal(ctx.direct.glue, 'direct');
  });

  test('a re-entrant call is an engine error', async () => {
    let inner;
    const a = await createAnalyzer({
      emailOverrides: {
        isFree: () => {
          try {
            a.validateEmail('b@example.com', { deny: [] });
          } catch (e) {
            inner = e;
          }
          return 'no';
        },
      },
    });
    assert.deepEqual(a.validateEmail('a@gmail.com', { deny: ['FREE'] }), { validity: 'valid', blocked: [] });
    assert.ok(inner instanceof WardenEngineError);
    assert.match(inner.message, /re-entrant/);
  });
});
