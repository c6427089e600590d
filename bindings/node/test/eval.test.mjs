// bin/warden-eval.mjs as a process on the real module: line handling, malformed and
// mis-shaped lines, the three functions, usage errors. docs/eval.md is the contract.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import process from 'node:process';
import { describe, test } from 'node:test';
import { EVAL_BIN, componentSkip, expectedFingerprint } from './support.mjs';

function run(args, input, env = process.env) {
  const r = spawnSync(process.execPath, [EVAL_BIN, ...args], { input: Buffer.from(input), env });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function lines(out) {
  assert.ok(out === '' || out.endsWith('\n'), 'every output line ends with \\n');
  return out === '' ? [] : out.slice(0, -1).split('\n');
}

const fp = (req, chars) => JSON.stringify(expectedFingerprint(req, chars));

describe('warden-eval', () => {
  test('an unknown or missing function is a usage error (exit 2)', () => {
    for (const args of [['nope'], [], ['detect-bot', 'extra'], ['detect-bot', '--engine', 'wasm2c']]) {
      const r = run(args, '');
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /usage: warden-eval <function>/);
      assert.equal(r.stdout, '');
    }
  });

  test('a missing component exits 1 with a message', () => {
    const r = run(['detect-bot'], '', { ...process.env, WARDEN_NODE_COMPONENT_DIR: '/nonexistent/warden' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot load the analyzer component/);
  });

  describe('on the module', { skip: componentSkip() }, () => {
    test('generate-fingerprint: one line per non-blank line, bad lines do not stop it', () => {
      const req = { ip: '1.2.3.4', host: 'h', headers: [['User-Agent', 'x']] };
      const input = Buffer.concat([
        Buffer.from('{"request":{"ip":"1.2.3.4"},"characteristics":[]}\n'),
        Buffer.from('\n  \t\r\n'),
        Buffer.from('{"request":{"ip":5}}\r\n'),
        Buffer.from('{"request":\n'),
        Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d, 0x0a]), // {"\xff":1}
        Buffer.from('\ufeff{}\n'),
        Buffer.from('{"request":{},"characteristics":["http.host"]}\n'),
        Buffer.from('{"request":{"ip":"1.2.3.4","host":"h","headers":{"User-Agent":"x"}},'),
        Buffer.from('"characteristics":["http.request.headers[\\"user-agent\\"]","http.host","ip.src"]}'),
      ]);
      const r = run(['generate-fingerprint'], input);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(lines(r.stdout), [
        fp({ ip: '1.2.3.4' }, []),
        '{"error":"invalid request: request.ip must be a string"}',
        '{"error":"malformed JSON"}',
        '{"error":"malformed JSON"}',
        '{"error":"malformed JSON"}',
        '{"error":"missing characteristic: http.host"}',
        fp(req, ['ip.src', 'http.host', 'http.request.headers["user-agent"]']),
      ]);
    });

    test('detect-bot', () => {
      const input = [
        '{"request":{"headers":{"user-agent":"curl/8.5.0"}},"config":{"allow":[]}}',
        '{"request":{"headers":{"user-agent":"curl/8.5.0"}},"config":{"deny":[]}}',
        '{"request":{"headers":{"user-agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"}},"config":{"deny":["CURL"]}}',
        '{"request":{},"config":{"deny":[]}}',
        '{"request":{},"config":{}}',
      ].join('\n');
      const r = run(['--engine', 'node', 'detect-bot'], input);
      assert.equal(r.status, 0, r.stderr);
      const out = lines(r.stdout);
      assert.deepEqual(out.slice(0, 4), [
        '{"allowed":[],"denied":["CURL"],"categories":["CATEGORY:TOOL"],"verified":false,"spoofed":false,"missingUserAgent":false}',
        '{"allowed":["CURL"],"denied":[],"categories":["CATEGORY:TOOL"],"verified":false,"spoofed":false,"missingUserAgent":false}',
        '{"allowed":[],"denied":[],"categories":[],"verified":false,"spoofed":false,"missingUserAgent":false}',
        '{"allowed":[],"denied":["MISSING_USER_AGENT"],"categories":[],"verified":false,"spoofed":false,"missingUserAgent":true}',
      ]);
      assert.equal(out[4], '{"error":"invalid request: config must have exactly one of allow or deny"}');
    });

    test('validate-email', () => {
      const input = [
        '{"email":"alice@example.com","config":{"deny":["DISPOSABLE","FREE"]}}',
        '{"email":"alice","config":{"allow":[]}}',
        '{"email":"a@localhost","config":{"requireTopLevelDomain":false,"deny":[]}}',
        '{"email":"a@b.c","config":{"deny":["FREE","SPAM"]}}',
        '{"email":"a@b.c"}',
      ].join('\n') + '\n';
      const r = run(['validate-email'], input);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(lines(r.stdout), [
        '{"validity":"valid","blocked":[]}',
        '{"validity":"invalid","reason":"missing-at","blocked":["INVALID"]}',
        '{"validity":"valid","blocked":[]}',
        '{"error":"invalid request: config.deny[1] unknown email type \\"SPAM\\""}',
        '{"error":"invalid request: config must be an object"}',
      ]);
    });

    test('each line is answered (flushed) before the next one is sent', async () => {
      const child = spawn(process.execPath, [EVAL_BIN, 'generate-fingerprint'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const inputs = ['{"request":{"ip":"1"}}', 'bad', '{"request":{"ip":"2"}}'];
      const got = [];
      let pending = '';
      child.stdin.write(`${inputs[0]}\n`);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => {
        const parts = (pending + d).split('\n');
        pending = parts.pop();
        for (const line of parts) {
          got.push(line);
          if (got.length < inputs.length) child.stdin.write(`${inputs[got.length]}\n`);
          else child.stdin.end();
        }
      });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
      assert.deepEqual(got, [fp({ ip: '1' }, []), '{"error":"malformed JSON"}', fp({ ip: '2' }, [])]);
    });

    test('empty input gives empty output', () => {
      const r = run(['validate-email'], '');
      assert.equal(r.status, 0);
      assert.equal(r.stdout, '');
    });
  });
});
