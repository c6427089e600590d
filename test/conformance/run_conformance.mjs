#!/usr/bin/env node
// The conformance suite's runner: one body of cases, every host, byte-identical answers.
//
//   node run_conformance.mjs --function <f> --cases <dir>
//        [--warden <path/to/warden>] [--engine native] [--engine wasm2c]
//        [--node-eval <bin/warden-eval.mjs> --component-dir <dir>] [--print <host>]
//
// Reads <dir>/<f>.jsonl (bytes; lines starting with '#' are comments for the reader and are
// not sent; every other line, blank ones included, is), pipes it through each host —
// `warden eval <f> --engine <e>` for each engine and `node warden-eval.mjs <f>` when given —
// and requires (1) every host's output to be byte-identical to every other's and (2) equal to
// <dir>/<f>.expected.jsonl, a hand-reviewed file with one line per non-blank case line.
// `--print <host>` writes that host's raw output instead of checking (to help review a new
// case; never copy it into the expected file unread). Exits 1 on any difference.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const a = { engines: [], fn: null, cases: null, warden: null, nodeEval: null, componentDir: null, print: null };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i];
    switch (argv[i]) {
      case '--function': a.fn = next(); break;
      case '--cases': a.cases = next(); break;
      case '--warden': a.warden = next(); break;
      case '--engine': a.engines.push(next()); break;
      case '--node-eval': a.nodeEval = next(); break;
      case '--component-dir': a.componentDir = next(); break;
      case '--print': a.print = next(); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!a.fn || !a.cases) throw new Error('--function and --cases are required');
  if (a.warden && a.engines.length === 0) a.engines = ['native', 'wasm2c'];
  return a;
}

// Splits a buffer into lines on '\n' only (a final line without '\n' counts).
function splitLines(buf) {
  const lines = [];
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
    lines.push(buf.subarray(start, nl));
    start = nl + 1;
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

const isBlank = (line) => line.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);

function hosts(a) {
  const out = [];
  for (const e of a.engines) out.push({ name: e, cmd: a.warden, args: ['eval', a.fn, '--engine', e], env: process.env });
  if (a.nodeEval) {
    const env = { ...process.env };
    if (a.componentDir) env.WARDEN_NODE_COMPONENT_DIR = a.componentDir;
    out.push({ name: 'node', cmd: process.execPath, args: [a.nodeEval, a.fn], env });
  }
  return out;
}

const a = parseArgs(process.argv.slice(2));
const caseLines = splitLines(readFileSync(path.join(a.cases, `${a.fn}.jsonl`)))
  .filter((line) => line[0] !== 0x23 /* '#' */);
const input = Buffer.concat(caseLines.flatMap((line) => [line, Buffer.from('\n')]));
const asked = caseLines.filter((line) => !isBlank(line)).map((line) => line.toString('utf8'));

const outputs = new Map();
let failed = false;
for (const h of hosts(a)) {
  const r = spawnSync(h.cmd, h.args, { input, env: h.env, maxBuffer: 1 << 28 });
  if (r.error || r.status !== 0) {
    console.error(`${h.name}: exit ${r.status} ${r.error ?? ''}\n${r.stderr}`);
    failed = true;
    continue;
  }
  if (a.print === h.name) {
    process.stdout.write(r.stdout);
    process.exit(0);
  }
  outputs.set(h.name, r.stdout);
}
if (outputs.size === 0) {
  console.error('no host ran');
  process.exit(1);
}

const expected = readFileSync(path.join(a.cases, `${a.fn}.expected.jsonl`));
const want = splitLines(expected).map((l) => l.toString('utf8'));
if (want.length !== asked.length) {
  console.error(`${a.fn}.expected.jsonl has ${want.length} lines for ${asked.length} cases`);
  failed = true;
}

// Byte-identical across hosts: compare every host to the first.
const [firstName, firstOut] = outputs.entries().next().value;
for (const [name, out] of outputs) {
  if (name !== firstName && !out.equals(firstOut)) {
    const x = splitLines(firstOut).map(String);
    const y = splitLines(out).map(String);
    const i = x.findIndex((line, k) => line !== y[k]);
    console.error(`${name} differs from ${firstName} at case ${i}:\n  input: ${asked[i]}\n  ${firstName}: ${x[i]}\n  ${name}: ${y[i]}`);
    failed = true;
  }
}

// Each host against the reviewed expectations.
for (const [name, out] of outputs) {
  const got = splitLines(out).map(String);
  if (got.length !== asked.length) {
    console.error(`${name}: ${got.length} output lines for ${asked.length} cases`);
    failed = true;
  }
  let shown = 0;
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    if (got[i] === want[i]) continue;
    failed = true;
    if (shown++ < 10) console.error(`${name}: case ${i}\n  input:    ${asked[i]}\n  expected: ${want[i]}\n  got:      ${got[i]}`);
  }
  console.log(`${a.fn} on ${name}: ${asked.length - shown}/${asked.length} as expected`);
}
if (!expected.equals(firstOut) && !failed) failed = true;  // e.g. a missing final newline
process.exit(failed ? 1 : 0);
