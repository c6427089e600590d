// The wrapper on the real analysis module (the jco-transpiled component): fingerprints
// against an independent node:crypto computation, the first bot and email slices, default
// imports, import callbacks, analysis errors and engine errors.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { WardenEngineError, createAnalyzer, formatAnalysisError } from '../src/index.js';
import { componentSkip, expectedFingerprint, prng } from './support.mjs';

const skip = componentSkip();

const REQUEST = {
  ip: '203.0.113.7',
  method: 'GET',
  protocol: 'HTTP/1.1',
  host: 'example.com',
  path: '/login',
  headers: [
    ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0'],
    ['Accept', 'text/html'],
    ['X-Forwarded-For', '10.0.0.1'],
    ['x-forwarded-for', '10.0.0.2'],
  ],
  cookies: 'session=abc123; theme="dark"; empty=',
  query: '?q=hello+world&x=%41%42&q=second',
  extra: [['tenant', 'acme'], ['plan', 'pro']],
};

describe('analyzer', { skip }, () => {
  let analyzer;
  before(async () => {
    analyzer = await createAnalyzer();
  });

  describe('generateFingerprint', () => {
    test('an empty characteristics list means ["ip.src"]', () => {
      const r = analyzer.generateFingerprint(REQUEST, []);
      assert.deepEqual(r, expectedFingerprint(REQUEST, ['ip.src']));
      assert.deepEqual(analyzer.generateFingerprint(REQUEST), r);
      assert.match(r.fingerprint, /^fp::2::[0-9a-f]{64}$/);
    });

    test('every kind of characteristic, in canonical order whatever the caller order', () => {
      const chars = [
        'plan',
        'http.request.uri.args["x"]',
        'http.request.cookie["theme"]',
        'http.request.headers["x-forwarded-for"]',
        'http.request.uri.path',
        'http.method',
        'http.host',
        'ip.src',
        'http.request.headers["user-agent"]',
        'http.request.uri.args["q"]',
        'tenant',
        'http.request.cookie["session"]',
      ];
      const expected = expectedFingerprint(REQUEST, chars);
      assert.deepEqual(analyzer.generateFingerprint(REQUEST, chars), expected);
      assert.deepEqual(analyzer.generateFingerprint(REQUEST, [...chars].reverse()), expected);
    });

    test('header names are case-insensitive and duplicates count once', () => {
      const a = analyzer.generateFingerprint(REQUEST, ['http.request.headers["USER-AGENT"]']);
      const b = analyzer.generateFingerprint(REQUEST, [
        'http.request.headers["user-agent"]',
        'http.request.headers["User-Agent"]',
      ]);
      assert.deepEqual(a, b);
      assert.deepEqual(a, expectedFingerprint(REQUEST, ['http.request.headers["user-agent"]']));
    });

    test('headers and extra given as objects, Maps or pairs agree; body does not count', () => {
      const pairs = analyzer.generateFingerprint(REQUEST, ['ip.src', 'http.request.headers["accept"]', 'tenant']);
      const asObject = analyzer.generateFingerprint(
        {
          ...REQUEST,
          headers: Object.fromEntries(REQUEST.headers.slice(0, 2)),
          extra: { tenant: 'acme' },
          body: new Uint8Array([1, 2, 3]),
        },
        ['ip.src', 'http.request.headers["accept"]', 'tenant'],
      );
      const asMap = analyzer.generateFingerprint(
        { ...REQUEST, headers: new Map(REQUEST.headers.slice(0, 2)), extra: new Map(REQUEST.extra), body: 'text' },
        ['ip.src', 'http.request.headers["accept"]', 'tenant'],
      );
      assert.deepEqual(asObject, pairs);
      assert.deepEqual(asMap, pairs);
    });

    test('a missing or empty value is an analysis error naming the characteristic', () => {
      assert.deepEqual(analyzer.generateFingerprint({ ...REQUEST, ip: '' }, []), {
        error: { tag: 'missing-characteristic', val: 'ip.src' },
      });
      assert.deepEqual(analyzer.generateFingerprint(REQUEST, ['http.request.cookie["empty"]']), {
        error: { tag: 'missing-characteristic', val: 'http.request.cookie["empty"]' },
      });
      assert.deepEqual(analyzer.generateFingerprint({}, ['nope']), {
        error: { tag: 'missing-characteristic', val: 'nope' },
      });
    });

    test('a malformed characteristic is invalid input', () => {
      const r = analyzer.generateFingerprint(REQUEST, ['http.request.headers[user-agent]']);
      assert.equal(r.error?.tag, 'invalid-input');
      assert.equal(typeof r.error.val, 'string');
      assert.match(formatAnalysisError(r.error), /^invalid input: /);
    });

    test('agrees with the independent computation on generated requests', () => {
      const rand = prng(20261126);
      const pick = (xs) => xs[Math.floor(rand() * xs.length)];
      const word = () => pick(['', 'a', 'B', 'zeta', 'ünï', '1.2.3.4', 'x y', '%41', 'v"q']);
      const names = ['accept', 'Accept', 'user-agent', 'X-Id', 'x-id', 'host'];
      const keys = ['k1', 'k2', 'K1', 'plan'];
      for (let i = 0; i < 300; i++) {
        const req = {
          ip: word(),
          host: word(),
          method: pick(['GET', 'POST', '']),
          path: pick(['/', '/a/b', '']),
          headers: Array.from({ length: Math.floor(rand() * 4) }, () => [pick(names), word()]),
          cookies: pick(['', 'a=1', 'a=1; b="2"', ' a = x ;b=;c', 'k1=z']),
          query: pick(['', '?a=1', 'a=1&a=2&b=%C3%BC', 'b+c=d+e', 'a']),
          extra: Array.from({ length: Math.floor(rand() * 3) }, () => [pick(keys), word()]),
        };
        const chars = Array.from({ length: Math.floor(rand() * 4) }, () =>
          pick([
            'ip.src',
            'http.host',
            'http.method',
            'http.request.uri.path',
            `http.request.headers["${pick(names)}"]`,
            `http.request.cookie["${pick(['a', 'b', 'c', 'k1'])}"]`,
            `http.request.uri.args["${pick(['a', 'b', 'b c'])}"]`,
            pick(keys),
          ]),
        );
        assert.deepEqual(analyzer.generateFingerprint(req, chars), expectedFingerprint(req, chars), JSON.stringify({ req, chars }));
      }
    });
  });

  describe('detectBot', () => {
    const curl = { ...REQUEST, headers: [['user-agent', 'curl/8.5.0']] };
    const googlebot = {
      ...REQUEST,
      headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    };

    test('curl: denied by an empty allow list, allowed by an empty deny list', () => {
      assert.deepEqual(analyzer.detectBot(curl, { allow: [] }), {
        allowed: [],
        denied: ['CURL'],
        categories: ['CATEGORY:TOOL'],
        verified: false,
        spoofed: false,
        missingUserAgent: false,
      });
      assert.deepEqual(analyzer.detectBot(curl, { deny: [] }), {
        allowed: ['CURL'],
        denied: [],
        categories: ['CATEGORY:TOOL'],
        verified: false,
        spoofed: false,
        missingUserAgent: false,
      });
      assert.deepEqual(analyzer.detectBot(curl, { allow: ['CURL'] }).allowed, ['CURL']);
      assert.deepEqual(analyzer.detectBot(curl, { deny: ['CATEGORY:TOOL'] }).denied, ['CURL']);
    });

    test('a browser is not a bot', () => {
      assert.deepEqual(analyzer.detectBot(REQUEST, { allow: [] }), {
        allowed: [],
        denied: [],
        categories: [],
        verified: false,
        spoofed: false,
        missingUserAgent: false,
      });
    });

    test('categories: every detected ID\'s, allowed or denied, sorted, once', () => {
      const preview = {
        ...REQUEST,
        headers: { 'User-Agent': 'facebookexternalhit/1.1 Twitterbot/1.0' },
      };
      const r = analyzer.detectBot(preview, { allow: ['TWITTER_CRAWLER'] });
      assert.deepEqual(r.allowed, ['TWITTER_CRAWLER']);
      assert.deepEqual(r.denied, ['FACEBOOK_SHARE_CRAWLER']);
      assert.deepEqual(r.categories, ['CATEGORY:AI', 'CATEGORY:META', 'CATEGORY:PREVIEW', 'CATEGORY:SOCIAL']);
    });

    test('a missing User-Agent is a verdict: MISSING_USER_AGENT denied unless allowed by name', () => {
      const missing = (denied, allowed = []) => ({
        allowed, denied, categories: [], verified: false, spoofed: false, missingUserAgent: true,
      });
      for (const headers of [[], [['User-Agent', '']], { 'user-agent': ' \t ' }]) {
        const req = { ...REQUEST, headers };
        assert.deepEqual(analyzer.detectBot(req, { allow: [] }), missing(['MISSING_USER_AGENT']));
        assert.deepEqual(analyzer.detectBot(req, { deny: [] }), missing(['MISSING_USER_AGENT']));
        assert.deepEqual(analyzer.detectBot(req, { allow: ['CATEGORY:UNKNOWN'] }), missing(['MISSING_USER_AGENT']));
        assert.deepEqual(analyzer.detectBot(req, { allow: ['MISSING_USER_AGENT'] }), missing([], ['MISSING_USER_AGENT']));
      }
    });

    test('a bad config entry is invalid input, checked before the User-Agent', () => {
      assert.equal(analyzer.detectBot(curl, { allow: ['not an id'] }).error?.tag, 'invalid-input');
      assert.equal(analyzer.detectBot({ ...REQUEST, headers: [] }, { deny: ['x'] }).error?.tag, 'invalid-input');
    });

    test('verification is asked of botOverrides.verify; default unverifiable', async () => {
      assert.deepEqual(analyzer.detectBot(googlebot, { allow: ['GOOGLE_CRAWLER'] }), {
        allowed: ['GOOGLE_CRAWLER'],
        denied: [],
        categories: ['CATEGORY:GOOGLE', 'CATEGORY:SEARCH_ENGINE'],
        verified: false,
        spoofed: false,
        missingUserAgent: false,
      });
      const calls = [];
      let answer = 'verified';
      const custom = await createAnalyzer({
        botOverrides: {
          verify(id, ip) {
            calls.push([id, ip]);
            return answer;
          },
        },
      });
      assert.deepEqual(custom.detectBot(googlebot, { allow: ['GOOGLE_CRAWLER'] }), {
        allowed: ['GOOGLE_CRAWLER'],
        denied: [],
        categories: ['CATEGORY:GOOGLE', 'CATEGORY:SEARCH_ENGINE'],
        verified: true,
        spoofed: false,
        missingUserAgent: false,
      });
      answer = 'spoofed';
      assert.deepEqual(custom.detectBot(googlebot, { allow: ['GOOGLE_CRAWLER'] }), {
        allowed: [],
        denied: ['GOOGLE_CRAWLER'],
        categories: ['CATEGORY:GOOGLE', 'CATEGORY:SEARCH_ENGINE'],
        verified: false,
        spoofed: true,
        missingUserAgent: false,
      });
      assert.deepEqual(calls, [
        ['GOOGLE_CRAWLER', REQUEST.ip],
        ['GOOGLE_CRAWLER', REQUEST.ip],
      ]);
      custom.detectBot(curl, { allow: [] });
      assert.equal(calls.length, 2, 'curl is not verifiable: no question asked');
      custom.detectBot({ ...REQUEST, headers: [] }, { allow: ['GOOGLE_CRAWLER'] });
      assert.equal(calls.length, 2, 'a missing User-Agent asks nothing');
    });
  });

  describe('validateEmail', () => {
    test('defaults: imports answer unknown, so nothing but syntax blocks', () => {
      assert.deepEqual(analyzer.validateEmail('alice@example.com', { deny: ['DISPOSABLE', 'FREE', 'NO_MX_RECORDS', 'NO_GRAVATAR'] }), {
        validity: 'valid',
        blocked: [],
      });
      assert.deepEqual(analyzer.validateEmail('alice@example.com', { allow: [] }), { validity: 'valid', blocked: [] });
    });

    test('syntax: invalid addresses, top-level domain, domain literals', () => {
      assert.deepEqual(analyzer.validateEmail('not-an-email', { deny: [] }), {
        validity: 'invalid',
        reason: 'missing-at',
        blocked: ['INVALID'],
      });
      assert.equal(analyzer.validateEmail('a@localhost', { deny: [] }).reason, 'missing-top-level-domain');
      assert.equal(analyzer.validateEmail('a@localhost', { deny: [] }).validity, 'invalid');
      assert.equal(analyzer.validateEmail('a@localhost', { requireTopLevelDomain: false, deny: [] }).validity, 'valid');
      assert.equal(analyzer.validateEmail('a@[192.0.2.1]', { deny: [] }).validity, 'invalid');
      assert.equal(
        analyzer.validateEmail('a@[192.0.2.1]', { allowDomainLiteral: true, requireTopLevelDomain: false, deny: [] }).validity,
        'valid',
      );
    });

    test('the email overrides are asked what the rule needs, with lower-cased domains', async () => {
      const calls = [];
      const custom = await createAnalyzer({
        emailOverrides: {
          isFree: (d) => (calls.push(['isFree', d]), 'yes'),
          isDisposable: (d) => (calls.push(['isDisposable', d]), 'no'),
          hasMxRecords: (d) => (calls.push(['hasMxRecords', d]), 'no'),
          hasGravatar: (e) => (calls.push(['hasGravatar', e]), 'no'),
        },
      });
      assert.deepEqual(custom.validateEmail('Alice@Example.COM', { deny: ['FREE'] }), { validity: 'valid', blocked: ['FREE'] });
      assert.deepEqual(calls, [['isFree', 'example.com']]);
      calls.length = 0;
      assert.deepEqual(custom.validateEmail('alice@example.com', { allow: ['FREE'] }), {
        validity: 'valid',
        blocked: ['NO_MX_RECORDS', 'NO_GRAVATAR'],
      });
      assert.deepEqual(calls, [
        ['isDisposable', 'example.com'],
        ['hasMxRecords', 'example.com'],
        ['hasGravatar', 'alice@example.com'],
      ]);
      calls.length = 0;
      assert.deepEqual(custom.validateEmail('nope', { deny: ['FREE'] }), {
        validity: 'invalid',
        reason: 'missing-at',
        blocked: ['INVALID'],
      });
      assert.deepEqual(calls, [], 'an invalid address asks nothing');
      assert.deepEqual(custom.validateEmail('a@Bücher.Example', { deny: ['FREE'] }), { validity: 'valid', blocked: ['FREE'] });
      assert.deepEqual(calls, [['isFree', 'xn--bcher-kva.example']], 'domains are asked in A-label form');
    });

    test('reasons; an unpaired surrogate is invalid-utf8 without entering the module', () => {
      assert.equal(analyzer.validateEmail('a..b@example.com', { deny: [] }).reason, 'consecutive-dots');
      assert.equal(analyzer.validateEmail('jöhn@例え.jp', { deny: [] }).validity, 'valid');
      assert.equal(analyzer.validateEmail('a@[192.0.2.1]', { deny: [] }).reason, 'domain-literal-not-allowed');
      assert.deepEqual(analyzer.validateEmail('\ud800@example.com', { deny: [] }), {
        validity: 'invalid',
        reason: 'invalid-utf8',
        blocked: ['INVALID'],
      });
      assert.equal('reason' in analyzer.validateEmail('a@example.com', { deny: [] }), false);
    });

    test('options: display names, ASCII local parts, empty local parts, test domain, lengths, TLD list', () => {
      const reasonOf = (email, options) => analyzer.validateEmail(email, { ...options, deny: [] }).reason ?? 'valid';
      assert.equal(reasonOf('Ada Lovelace <ada@example.net>', {}), 'display-name');
      assert.equal(reasonOf('Ada Lovelace <ada@example.net>', { allowDisplayName: true }), 'valid');
      assert.equal(reasonOf('Doe, John <me@example.org>', { allowDisplayName: true }), 'invalid-display-name');
      assert.equal(reasonOf('rêve@example.org', { requireAsciiLocalPart: true }), 'non-ascii-local-part');
      assert.equal(reasonOf('user@bücher.example', { requireAsciiLocalPart: true }), 'valid');
      assert.equal(reasonOf('@example.com', { allowEmptyLocalPart: true }), 'valid');
      assert.equal(reasonOf('a@shop-demo.test', {}), 'reserved-domain');
      assert.equal(reasonOf('a@shop-demo.test', { allowTestDomain: true }), 'valid');
      assert.equal(reasonOf(`${'a'.repeat(70)}@xyz.com`, { ignoreLengthLimits: true }), 'valid');
      assert.equal(reasonOf('a@x.not-a-real-tld', { allowedTopLevelDomains: ['com'] }), 'top-level-domain-not-allowed');
      assert.equal(reasonOf('a@郵件.商務', { allowedTopLevelDomains: ['xn--lhr59c'] }), 'valid');
      assert.throws(() => analyzer.validateEmail('a@b.c', { allowDisplayName: 'yes', deny: [] }),
        { name: 'TypeError', message: 'config.allowDisplayName must be a boolean' });
      assert.throws(() => analyzer.validateEmail('a@b.c', { allowedTopLevelDomains: 'com', deny: [] }),
        { name: 'TypeError', message: 'config.allowedTopLevelDomains must be an array' });
      assert.throws(() => analyzer.validateEmail('a@b.c', { allowedTopLevelDomains: [1], deny: [] }),
        { name: 'TypeError', message: 'config.allowedTopLevelDomains[0] must be a string' });
    });

    test('with a display name, the host is asked about the address alone', async () => {
      const calls = [];
      const custom = await createAnalyzer({
        emailOverrides: { hasGravatar: (e) => (calls.push(e), 'no') },
      });
      assert.deepEqual(custom.validateEmail('Bob <Bob@Example.com>', { allowDisplayName: true, deny: ['NO_GRAVATAR'] }),
        { validity: 'valid', blocked: ['NO_GRAVATAR'] });
      assert.deepEqual(calls, ['Bob@Example.com']);
    });
  });

  describe('errors', () => {
    test('wrong argument types throw TypeError before the module is entered', () => {
      assert.throws(() => analyzer.generateFingerprint(null, []), TypeError);
      assert.throws(() => analyzer.generateFingerprint({ ip: 1 }, []), TypeError);
      assert.throws(() => analyzer.generateFingerprint(REQUEST, ['ok', 2]), TypeError);
      assert.throws(() => analyzer.detectBot(REQUEST, {}), TypeError);
      assert.throws(() => analyzer.detectBot(REQUEST, { allow: [], deny: [] }), TypeError);
      assert.throws(() => analyzer.validateEmail('a@b.c', { deny: ['SPAM'] }), TypeError);
      assert.throws(() => analyzer.validateEmail(3, { deny: [] }), TypeError);
    });

    test('an import that throws or answers out of range is an engine error; the analyzer recovers', async () => {
      let mode = 'throw';
      const custom = await createAnalyzer({
        emailOverrides: {
          isFree() {
            if (mode === 'throw') throw new Error('lookup failed');
            return mode === 'bad' ? 'maybe' : 'yes';
          },
        },
      });
      assert.throws(() => custom.validateEmail('a@example.com', { deny: ['FREE'] }), (e) => {
        assert.ok(e instanceof WardenEngineError);
        assert.equal(e.message, 'lookup failed');
        return true;
      });
      mode = 'bad';
      assert.throws(() => custom.validateEmail('a@example.com', { deny: ['FREE'] }), WardenEngineError);
      mode = 'ok';
      assert.deepEqual(custom.validateEmail('a@example.com', { deny: ['FREE'] }), { validity: 'valid', blocked: ['FREE'] });
      assert.deepEqual(custom.generateFingerprint(REQUEST, []), expectedFingerprint(REQUEST, []));
    });

    test('a logger is accepted and only gets valid levels', async () => {
      const lines = [];
      const custom = await createAnalyzer({ logger: { log: (level, message) => lines.push([level, message]) } });
      custom.generateFingerprint(REQUEST, []);
      custom.detectBot(REQUEST, { allow: [] });
      for (const [level, message] of lines) {
        assert.ok(['debug', 'info', 'warn', 'error'].includes(level));
        assert.equal(typeof message, 'string');
      }
      await assert.rejects(createAnalyzer({ logger: {} }), TypeError);
    });

    test('overrides may be class instances (methods called with their this)', async () => {
      class Lists {
        constructor(free) {
          this.free = new Set(free);
        }
        isFree(domain) {
          return this.free.has(domain) ? 'yes' : 'no';
        }
      }
      const custom = await createAnalyzer({ emailOverrides: new Lists(['mail.example']) });
      assert.deepEqual(custom.validateEmail('a@mail.example', { deny: ['FREE'] }).blocked, ['FREE']);
      assert.deepEqual(custom.validateEmail('a@corp.example', { deny: ['FREE'] }).blocked, []);
    });

    test('analyzers are independent', async () => {
      const a = await createAnalyzer({ emailOverrides: { isFree: () => 'yes' } });
      const b = await createAnalyzer({ emailOverrides: { isFree: () => 'no' } });
      assert.deepEqual(a.validateEmail('x@example.com', { deny: ['FREE'] }).blocked, ['FREE']);
      assert.deepEqual(b.validateEmail('x@example.com', { deny: ['FREE'] }).blocked, []);
    });
  });
});
