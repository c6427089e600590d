// End-to-end tests of the `warden` executable (docs/eval.md): exit codes and usage, line
// handling, per-line flushing, engine selection, per-line overrides, and the demo. WARDEN_BIN
// names the binary; with WARDEN_NODE_EVAL and WARDEN_NODE_COMPONENT_DIR set, the overrides test
// also runs the Node mirror.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';

const BIN = process.env.WARDEN_BIN;
assert.ok(BIN, 'set WARDEN_BIN to the warden executable');

const run = (args, input = '') => spawnSync(BIN, args, { input, encoding: 'utf8' });
const IP_LINE = '{"request":{"ip":"203.0.113.7"}}';
const IP_FP = '{"fingerprint":"fp::2::4a3a0057e9e66f09b0541c3d6c10915818ca7dcde25c60c8a27cb8c1c2b22739"}';

test('usage errors exit 2 with the usage on stderr', () => {
  for (const args of [['eval'], ['eval', 'nope'], ['eval', 'detect-bot', '--engine'],
    ['eval', 'detect-bot', '--engine', 'v8'], ['eval', 'detect-bot', 'extra'], ['bogus'], ['demo', 'x']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /usage: warden/);
    assert.equal(r.stdout, '');
  }
  const help = run(['help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /warden eval <function>/);
});

test('blank lines are skipped; a last line without newline is answered', () => {
  for (const engine of ['native', 'wasm2c']) {
    const r = run(['eval', 'generate-fingerprint', '--engine', engine], `\n \t\r\n${IP_LINE}\r\n\n${IP_LINE}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${IP_FP}\n${IP_FP}\n`);
  }
  assert.equal(run(['eval', 'detect-bot'], '').stdout, '');
});

test('--engine may come before the function', () => {
  const r = run(['eval', '--engine', 'native', 'generate-fingerprint'], IP_LINE);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${IP_FP}\n`);
});

test('bad lines never stop the process', () => {
  const input = ['{', '[]', '{"request":{"headers":{"User-Agent":"curl/8"}},"config":{"deny":[]}}'].join('\n');
  const r = run(['eval', 'detect-bot'], input);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n'), [
    '{"error":"malformed JSON"}',
    '{"error":"invalid request: input must be an object"}',
    '{"allowed":["CURL"],"denied":[],"categories":["CATEGORY:TOOL"],"verified":false,"spoofed":false,"missingUserAgent":false}',
    '',
  ]);
});

test('overrides apply to their own line only, on every host', () => {
  const googlebot = '{"request":{"ip":"203.0.113.9","headers":{"User-Agent":"Googlebot/2.1"}},"config":{"allow":["GOOGLE_CRAWLER"]}';
  const spoofed = `${googlebot},"overrides":{"verify":{"GOOGLE_CRAWLER":{"203.0.113.9":"spoofed"}}}}`;
  const input = [spoofed, `${googlebot}}`, `${googlebot},"overrides":{}}`, spoofed, ''].join('\n');
  const expected = [
    '{"allowed":[],"denied":["GOOGLE_CRAWLER"],"categories":["CATEGORY:GOOGLE","CATEGORY:SEARCH_ENGINE"],"verified":false,"spoofed":true,"missingUserAgent":false,"calls":[["verify","GOOGLE_CRAWLER","203.0.113.9"]]}',
    '{"allowed":["GOOGLE_CRAWLER"],"denied":[],"categories":["CATEGORY:GOOGLE","CATEGORY:SEARCH_ENGINE"],"verified":false,"spoofed":false,"missingUserAgent":false}',
    '{"allowed":["GOOGLE_CRAWLER"],"denied":[],"categories":["CATEGORY:GOOGLE","CATEGORY:SEARCH_ENGINE"],"verified":false,"spoofed":false,"missingUserAgent":false,"calls":[["verify","GOOGLE_CRAWLER","203.0.113.9"]]}',
    '{"allowed":[],"denied":["GOOGLE_CRAWLER"],"categories":["CATEGORY:GOOGLE","CATEGORY:SEARCH_ENGINE"],"verified":false,"spoofed":true,"missingUserAgent":false,"calls":[["verify","GOOGLE_CRAWLER","203.0.113.9"]]}',
    '',
  ].join('\n');
  for (const engine of ['native', 'wasm2c']) {
    const r = run(['eval', 'detect-bot', '--engine', engine], input);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected, engine);
  }
  const { WARDEN_NODE_EVAL: nodeEval, WARDEN_NODE_COMPONENT_DIR: componentDir } = process.env;
  if (nodeEval && componentDir) {
    const r = spawnSync(process.execPath, [nodeEval, 'detect-bot'], { input, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected, 'node');
  }
});

test('an engine failure is an error line and the process goes on', () => {
  // 20 MiB of header value does not fit the wasm2c engine's default 16 MiB of guest memory.
  const big = JSON.stringify({ request: { headers: { 'X-Big': 'x'.repeat(20 << 20) } },
    characteristics: ['http.request.headers["x-big"]'] });
  const r = spawnSync(BIN, ['eval', 'generate-fingerprint', '--engine', 'wasm2c'],
    { input: `${big}\n${IP_LINE}\n`, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^\{"error":"engine: resource-exhausted: [^"]*"\}$/);
  assert.equal(lines[1], IP_FP);
  assert.equal(lines.length, 3);
});

test('each answer is flushed before the next line is read', async () => {
  const child = spawn(BIN, ['eval', 'generate-fingerprint', '--engine', 'wasm2c']);
  let buffered = '';
  const nextLine = () => new Promise((resolve) => {
    const tryTake = () => {
      const nl = buffered.indexOf('\n');
      if (nl < 0) return false;
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      resolve(line);
      return true;
    };
    if (tryTake()) return;
    const onData = (chunk) => {
      buffered += chunk;
      if (tryTake()) child.stdout.off('data', onData);
    };
    child.stdout.on('data', onData);
  });
  child.stdout.setEncoding('utf8');
  for (let i = 0; i < 3; i++) {
    child.stdin.write(`${IP_LINE}\n`);
    assert.equal(await nextLine(), IP_FP);  // would hang (test timeout) if not flushed
  }
  child.stdin.end();
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
});

test('the demo runs every analysis through wasm2c and exits 0', () => {
  for (const args of [[], ['demo']]) {
    const r = run(args);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /wasm2c/);
    assert.match(r.stdout, /fp::2::[0-9a-f]{64}/);
    assert.match(r.stdout, /CURL/);
    assert.match(r.stdout, /GOOGLE_CRAWLER/);
    assert.match(r.stdout, /INVALID/);
  }
});
