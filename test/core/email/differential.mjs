#!/usr/bin/env node
// Differential fuzz of validate-email: feeds generated and mutated addresses (deterministic
// PRNG) through `warden eval validate-email` with --engine native and --engine wasm2c and
// requires byte-identical output lines. Half the lines carry overrides, so the import calls
// (A-label domains, the address as given) are compared too.
//
// With --node-eval (bindings/node/bin/warden-eval.mjs) and --component-dir, the Node mirror
// (jco) runs the same lines and must agree too.
//
// Usage: node differential.mjs --warden <warden> [--lines 50000] [--seed 1]
//        [--node-eval <warden-eval.mjs> --component-dir <dir>]
// Exit: 0 when every line agrees, 1 otherwise (the first differences are printed).
import { spawnSync } from 'node:child_process';

import { opt, required } from './cli_args.mjs';

const warden = required(opt('--warden'),
  'differential.mjs --warden <path> [--lines n] [--seed s]');
const lines = Number(opt('--lines', '50000'));
let state = Number(opt('--seed', '1')) >>> 0 || 1;

// xorshift32: reproducible across runs and Node versions.
const rand = (n) => {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state % n;
};
const pick = (list) => list[rand(list.length)];

const SEEDS = [
  'alice@example.com', 'Alice.Smith+tag@Mail.Example.CO.UK', '"john doe"@example.com',
  '"a\\ b"@example.org', 'o\'brien_{x}@sub-domain.example.org', 'jöhn@example.com',
  '伊昭傑@郵件.商務', 'user@Bücher.Example', 'user@xn--bcher-kva.example', 'a@ＥＸＡＭＰＬＥ．com',
  'a@[192.0.2.1]', 'a@[IPv6:2001:db8::1]', 'a@[IPv6:::ffff:192.0.2.1]', 'root@localhost',
  'a@1.2.3.4', 'x@xn--n3h.net', 'a@☃.net', 'ñoñó@ejemplo.es', 'кот@дом.ком',
  'γάτα@σπίτι.ψομ', 'a@e\u0301xample.com', 'fa\u00df@stra\u00dfe.de', 'me@a.onion',
  'Name <a@example.com>', 'a(b)@example.com', '"unterminated@example.com', 'a..b@example.com',
  '"Doe, J." <j@x.test>', 'John Q. Public <jqp@example.com>', '@example.com', '""@x.co',
];
const PIECES = [
  '@', '.', '..', '"', '\\', ' ', '-', '--', 'xn--', '[', ']', ':', '::', '<', '>', '(', ')',
  '\u00e9', '\u0301', '\u200d', '\u00ad', '\uff0e', '\u3002', '\u2028', '\u00a0', '\u037e',
  '\u226e', '\u00df', '\u03c2', '😆', '\ufffd', '\t', '\r\n', '\u0085', 'IPv6:', '192.0.2.1',
  'a'.repeat(63), 'b'.repeat(64), 'ß', 'ｅ', 'Ⅷ', '\u0644\u064a', 'ﷺ', 'ǅ', '0', '9', 'x',
];
const BOOL_OPTIONS = ['allowDisplayName', 'requireAsciiLocalPart', 'allowEmptyLocalPart', 'allowTestDomain',
  'ignoreLengthLimits'];
const TLDS = ['com', 'ORG', 'test', 'xn--lhr59c', '商務', 'co', 'ком'];
const TYPES = ['DISPOSABLE', 'FREE', 'NO_MX_RECORDS', 'NO_GRAVATAR', 'INVALID'];

function mutate(text) {
  const cps = [...text];
  const edits = 1 + rand(4);
  for (let e = 0; e < edits; e++) {
    const at = rand(cps.length + 1);
    switch (rand(4)) {
      case 0: cps.splice(at, 1); break;
      case 1: cps.splice(at, 0, ...pick(PIECES)); break;
      case 2: cps.splice(at, 1, ...pick(PIECES)); break;
      default: cps.splice(at, 0, ...cps.slice(rand(cps.length), rand(cps.length)));
    }
  }
  return cps.join('');
}

function line() {
  const email = rand(5) === 0 ? pick(SEEDS) : mutate(pick(SEEDS));
  const config = {};
  if (rand(2)) config.requireTopLevelDomain = rand(2) === 1;
  if (rand(2)) config.allowDomainLiteral = rand(2) === 1;
  for (const key of BOOL_OPTIONS) if (rand(4) === 0) config[key] = rand(2) === 1;
  if (rand(4) === 0) config.allowedTopLevelDomains = TLDS.filter(() => rand(2));
  config[rand(2) ? 'allow' : 'deny'] = TYPES.filter(() => rand(2));
  const input = { email, config };
  if (rand(2)) input.overrides = {};
  return JSON.stringify(input);
}

const input = Array.from({ length: lines }, line).join('\n') + '\n';
const nodeEval = opt('--node-eval');
const componentDir = opt('--component-dir');
const run = (engine) => {
  const r = engine === 'node'
    ? spawnSync(process.execPath, [nodeEval, 'validate-email', '--engine', 'node'], {
      input, maxBuffer: 256 << 20, encoding: 'utf8',
      env: { ...process.env, WARDEN_NODE_COMPONENT_DIR: componentDir },
    })
    : spawnSync(warden, ['eval', 'validate-email', '--engine', engine], {
      input, maxBuffer: 256 << 20, encoding: 'utf8',
    });
  if (r.status !== 0) {
    console.error(`${engine}: exit ${r.status}: ${r.stderr}`);
    process.exit(1);
  }
  return r.stdout.split('\n');
};
const native = run('native');
const others = { wasm2c: run('wasm2c') };
if (nodeEval && componentDir) others.node = run('node');
const inputs = input.split('\n');
let differences = 0;
let invalid = 0;
for (let i = 0; i < lines; i++) {
  if (native[i].includes('"invalid"')) invalid++;
  for (const [engine, out] of Object.entries(others)) {
    if (native[i] === out[i]) continue;
    if (++differences <= 10) {
      console.log(`line ${i}: ${inputs[i]}\n  native: ${native[i]}\n  ${engine}: ${out[i]}`);
    }
  }
}
const lengthsAgree = Object.values(others).every((out) => out.length === native.length);
console.log(`${lines} lines, ${invalid} invalid, ${lines - invalid} valid or errors; ` +
  `${differences} differences between native and ${Object.keys(others).join(', ')}`);
process.exit(differences === 0 && lengthsAgree ? 0 : 1);
