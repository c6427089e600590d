#!/usr/bin/env node
// Property test: `warden eval generate-fingerprint` agrees with an independent oracle.
//
//   node fingerprint_property.mjs --warden <path/to/warden> [--engine native] [--engine wasm2c]
//        [--node-eval <warden-eval.mjs> [--component-dir <dir>]] [--count 5000] [--seed 1]
//
// Generates `count` random requests and characteristic lists from a seeded PRNG (random header,
// cookie, query and extra names and values, non-ASCII and empty values, random orders, repeated
// names, duplicate JSON keys, malformed characteristics), computes each expected output line
// with fingerprint_oracle.mjs, pipes all lines through every host named, and requires every
// output line to equal the oracle's. Prints the first disagreements and exits 1 on any.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { generateCase } from './fingerprint_cases.mjs';
import { fingerprint } from './fingerprint_oracle.mjs';

function parseArgs(argv) {
  const args = { engines: [], count: 5000, seed: 1, warden: null, nodeEval: null, componentDir: null, dump: null };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i];
    switch (argv[i]) {
      case '--warden': args.warden = next(); break;
      case '--engine': args.engines.push(next()); break;
      case '--node-eval': args.nodeEval = next(); break;
      case '--component-dir': args.componentDir = next(); break;
      case '--count': args.count = Number(next()); break;
      case '--seed': args.seed = Number(next()); break;
      case '--dump': args.dump = next(); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (args.engines.length === 0) args.engines = ['native', 'wasm2c'];
  return args;
}

function run(label, command, commandArgs, input, env) {
  const r = spawnSync(command, commandArgs, { input, env, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.error(`${label}: exited ${r.status} ${r.error ?? ''}\n${r.stderr}`);
    return null;
  }
  return r.stdout.split('\n').slice(0, -1);
}

const args = parseArgs(process.argv.slice(2));
const cases = [];
for (let i = 0; i < args.count; i++) cases.push(generateCase(args.seed, i));
const input = cases.map((c) => c.line).join('\n') + '\n';
const expected = cases.map((c) => JSON.stringify(fingerprint(c.request, c.characteristics)));
if (args.dump) writeFileSync(args.dump, input);

const hosts = [];
if (args.warden) {
  for (const e of args.engines) {
    hosts.push([`warden --engine ${e}`, args.warden, ['eval', 'generate-fingerprint', '--engine', e], process.env]);
  }
}
if (args.nodeEval) {
  const env = { ...process.env };
  if (args.componentDir) env.WARDEN_NODE_COMPONENT_DIR = args.componentDir;
  hosts.push(['node warden-eval.mjs', process.execPath, [args.nodeEval, 'generate-fingerprint'], env]);
}
if (hosts.length === 0) throw new Error('nothing to test: pass --warden and/or --node-eval');

const errors = expected.filter((line) => line.startsWith('{"error"')).length;
console.log(`${cases.length} cases (seed ${args.seed}): ${cases.length - errors} fingerprints, ${errors} errors expected`);
let failed = false;
for (const [label, command, commandArgs, env] of hosts) {
  const got = run(label, command, commandArgs, input, env);
  if (got === null) { failed = true; continue; }
  if (got.length !== expected.length) {
    console.error(`${label}: ${got.length} output lines for ${expected.length} input lines`);
    failed = true;
    continue;
  }
  let mismatches = 0;
  for (let i = 0; i < expected.length; i++) {
    if (got[i] === expected[i]) continue;
    if (++mismatches <= 5) {
      console.error(`${label}: case ${i} disagrees\n  input:    ${cases[i].line}\n  expected: ${expected[i]}\n  got:      ${got[i]}`);
    }
  }
  console.log(`${label}: ${expected.length - mismatches}/${expected.length} lines agree with the oracle`);
  if (mismatches > 0) failed = true;
}
process.exit(failed ? 1 : 0);
