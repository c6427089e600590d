// Differential test of the eval protocol: bin/warden-eval.mjs against the C++
// `warden eval <function> --engine native` on thousands of mutated lines (broken JSON,
// odd keys, wrong types, surrogates, BOMs, duplicate and integer-like keys). Outputs must be
// byte-identical. Runs when $WARDEN_CLI names the C++ tool (ctest sets it) and the component
// is built.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { test } from 'node:test';
import { EVAL_BIN, componentSkip, prng } from './support.mjs';

const CLI = process.env.WARDEN_CLI;
const skip = !CLI || !existsSync(CLI) ? 'set WARDEN_CLI to the C++ warden tool' : componentSkip();

const REQUEST =
  '{"ip":"203.0.113.7","method":"GET","protocol":"https","host":"example.com","path":"/a",' +
  '"headers":{"User-Agent":"curl/8.5.0","Accept":"*/*","2":"x"},"cookies":"a=1; b=\\"2\\"",' +
  '"query":"?q=%41+b&q=2","body":"hé","extra":{"k":"v","1":"w"}}';
const SEEDS = {
  'generate-fingerprint': [
    `{"request":${REQUEST},"characteristics":[]}`,
    `{"request":${REQUEST},"characteristics":["ip.src","http.host","http.method","http.request.uri.path"]}`,
    `{"request":${REQUEST},"characteristics":["http.request.headers[\\"accept\\"]","http.request.cookie[\\"b\\"]","http.request.uri.args[\\"q\\"]","k","1"]}`,
    '{"request":{"ip":"1.2.3.4"},"characteristics":["http.request.headers[x]"]}',
  ],
  'detect-bot': [
    `{"request":${REQUEST},"config":{"allow":[]}}`,
    `{"request":${REQUEST},"config":{"deny":["CURL","CATEGORY:TOOL"]}}`,
    '{"request":{"headers":{"user-agent":"Mozilla/5.0 (compatible; Googlebot/2.1)"}},"config":{"allow":["GOOGLE_CRAWLER"]}}',
    '{"request":{"headers":{"user-agent":"Mozilla/5.0"}},"config":{"deny":["bad id"]}}',
    '{"request":{"headers":{"user-agent":" "}},"config":{"allow":["MISSING_USER_AGENT"]}}',
  ],
  'validate-email': [
    '{"email":"alice@example.com","config":{"requireTopLevelDomain":true,"allowDomainLiteral":false,"deny":["DISPOSABLE","FREE"]}}',
    '{"email":"a@[192.0.2.1]","config":{"requireTopLevelDomain":false,"allowDomainLiteral":true,"allow":["NO_GRAVATAR"]}}',
    '{"email":"not an email","config":{"deny":["INVALID","NO_MX_RECORDS"]}}',
    '{"email":"a@localhost","config":{"requireTopLevelDomain":false,"deny":[]}}',
  ],
};
const INSERTS = [
  '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\t', '\r', '\ufeff', '"\\ud800"', '"\\udc00\\ud800"',
  '"\\ud83d\\ude00"', '1e400', '-0', '0.5e-3', 'null', 'true', '"1"', '{"2":"x","1":"y"}',
  '{"a":"1","a":"2"}', '"allow"', '"deny"', '["FREE"]', '"é"', '"\\u0000"', '"ip"', '"headers"',
];

function mutate(line, rand) {
  let s = line;
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = Math.floor(rand() * 3);
    if (op === 0) s = s.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 6));
    else s = s.slice(0, at) + s.slice(at).replace(/"[^"]*"/, '"x"');
  }
  return s;
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return r.stdout;
}

for (const fn of Object.keys(SEEDS)) {
  test(`${fn}: node and C++ agree byte for byte`, { skip }, () => {
    const rand = prng(0x5eed + fn.length);
    const lines = [];
    for (let i = 0; i < 1500; i++) lines.push(mutate(SEEDS[fn][i % SEEDS[fn].length], rand));
    const input = Buffer.concat([
      Buffer.from(`${lines.join('\n')}\n`),
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a, 0xed, 0xa0, 0x80, 0x0a]), // invalid UTF-8
      Buffer.from(`${'['.repeat(20000)}${']'.repeat(20000)}\n`),
    ]);
    const cpp = run(CLI, ['eval', fn, '--engine', 'native'], input).toString('utf8').split('\n');
    const node = run(process.execPath, [EVAL_BIN, fn], input).toString('utf8').split('\n');
    assert.equal(node.length, cpp.length, 'line counts');
    for (let i = 0; i < cpp.length; i++) {
      if (cpp[i].startsWith('{"error":"engine: ')) continue; // engine failures are not compared
      assert.equal(node[i], cpp[i], `output line ${i + 1}`);
    }
  });
}
