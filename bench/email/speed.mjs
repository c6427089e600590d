#!/usr/bin/env node
// Email syntax-check speed (docs/email-benchmarks.md): ns per check of a fixed mix of typical
// addresses (simple, dotted, plus-tag, subdomain, quoted local part, IDN) for warden through
// wasm2c and native (email_bench, Google Benchmark), warden through the Node package, Arcjet's
// module (@arcjet/analyze-wasm) in Node and validator.isEmail in Node — all in this one run.
// Every classifier runs at its defaults, syntax only (warden and Arcjet: `deny: []`). Every
// figure is the median of --repetitions timed runs of at least --min-time seconds; the Node
// classifiers' runs are interleaved (repetition by repetition) so a busy machine slows them
// alike. The "typical" figure of a classifier is the median of its per-address figures.
// Prints the ratios and the issue's targets.
//
// Benchmarks report, tests assert: exit 0 whether or not a target is met; 1 when a classifier
// cannot be run; 2 on a usage error.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

import { runMain } from '../lib/common.mjs';
import { SPEED_FLAGS, fmt, median, parseSpeedFlags, ratio, timeClassifiers, verdict } from '../lib/timing.mjs';
import {
  findComponentDir, findEmailBench, loadArcjet, loadValidator, loadWardenNode, packageVersion,
  requireComparisonPackages,
} from './lib/common.mjs';
import { TYPICAL_CASES, runEmailBench } from './lib/timing.mjs';

const USAGE = `usage: node bench/email/speed.mjs [options]
  --email-bench <path>   the C++ benchmark binary (default: build/default/bench/email/email_bench, else the newest build/*)
  --component-dir <dir>  the transpiled Node component (default: $WARDEN_NODE_COMPONENT_DIR, else build/*)
  --repetitions <n>      timed runs per figure; the median is used (default 5)
  --min-time <s>         seconds per timed run (default 0.1)
  --time real|cpu        wall clock or CPU time, on both sides (default real; cpu is steadier on a busy machine)
  --json <path>          also write the figures as JSON
  -h, --help             this text`;

const FLAGS = { ...SPEED_FLAGS, '--email-bench': ['emailBench', 'string'] };

// Issue 4: syntax validation ≤ 0.3 µs median through wasm2c, ≥ 10× Arcjet's module.
export const SPEED_TARGETS = Object.freeze({ typicalNs: 300, vsArcjet: 10 });

async function loadClassifiers(opts) {
  const node = await loadWardenNode(findComponentDir(opts.componentDir));
  const arcjet = await loadArcjet();
  const validator = await loadValidator();
  return [
    { name: 'warden node', call: (a) => node.validate(a, {}), verdict: (a) => node.validate(a, {}).validity ?? 'error' },
    { name: 'arcjet', call: (a) => arcjet.validate(a), verdict: (a) => arcjet.verdict(a) },
    { name: 'validator', call: (a) => validator.isEmail(a), verdict: (a) => validator.verdict(a) },
  ];
}

// Columns: wasm2c, native, then the Node classifiers as loaded.
function measureAll(emailBench, classifiers, opts) {
  const cpp = runEmailBench(emailBench, TYPICAL_CASES, opts);
  const nodeFigures = timeClassifiers(classifiers, TYPICAL_CASES, opts, { time: opts.time, warmUpCalls: 5000 });
  const names = TYPICAL_CASES.map(([k]) => k);
  const column = (name, byCase) => ({ name, byCase, typical: median(names.map((k) => byCase.get(k))) });
  const engine = (e) => new Map(names.map((k) => [k, cpp.get(`${k}/${e}`)?.ns]));
  return {
    columns: [
      column('warden wasm2c', engine('wasm2c')),
      column('warden native', engine('native')),
      ...classifiers.map((c) => column(c.name, nodeFigures.get(c.name))),
    ],
    cppValid: new Map(names.map((k) => [k, cpp.get(`${k}/wasm2c`)?.valid])),
  };
}

function printVerdicts(classifiers) {
  console.log('verdicts (each at its defaults, syntax only):');
  for (const [name, address] of TYPICAL_CASES) {
    const v = classifiers.map((c) => `${c.name} ${c.verdict(address)}`).join(' | ');
    console.log(`  ${name.padEnd(10)} ${JSON.stringify(address).padEnd(46)} ${v}`);
  }
}

function printTable(columns) {
  const pad = (s) => String(s).padStart(15);
  console.log('case'.padEnd(14) + columns.map((c) => pad(c.name)).join(''));
  for (const [name] of TYPICAL_CASES) {
    console.log(name.padEnd(14) + columns.map((c) => pad(fmt(c.byCase.get(name)))).join(''));
  }
  console.log('typical'.padEnd(14) + columns.map((c) => pad(fmt(c.typical))).join(''));
  console.log(`(typical: the median of the ${TYPICAL_CASES.length} per-address figures)`);
}

function printTargets(columns) {
  const [wasm2c, native, wnode, aj, va] = columns;
  const t = SPEED_TARGETS;
  const checks = { typical: wasm2c.typical <= t.typicalNs, vsArcjet: aj.typical / wasm2c.typical >= t.vsArcjet };
  console.log(`warden wasm2c typical median: ${fmt(wasm2c.typical)} (target ≤ ${t.typicalNs} ns: ${verdict(checks.typical)})`);
  console.log(`Arcjet's module / warden wasm2c (typical): ${ratio(aj.typical, wasm2c.typical)} ` +
    `(target ≥ ${t.vsArcjet}×: ${verdict(checks.vsArcjet)})`);
  console.log(`validator.isEmail / warden wasm2c (typical): ${ratio(va.typical, wasm2c.typical)}`);
  console.log(`for reference: wasm2c / native ${ratio(wasm2c.typical, native.typical)}, warden node / wasm2c ` +
    `${ratio(wnode.typical, wasm2c.typical)}, Arcjet's module / warden node ${ratio(aj.typical, wnode.typical)}, ` +
    `validator / warden node ${ratio(va.typical, wnode.typical)}`);
  return checks;
}

async function main() {
  const opts = parseSpeedFlags(process.argv.slice(2), FLAGS);
  if (opts.help) return console.log(USAGE);
  requireComparisonPackages();
  const emailBench = findEmailBench(opts.emailBench);
  if (!emailBench) throw new Error('email_bench not found: build the email_bench target or pass --email-bench');
  const classifiers = await loadClassifiers(opts);
  console.log(`== email syntax-check speed: ${opts.repetitions} × ≥${opts.minTime} s per figure, median; ` +
    `${opts.time === 'cpu' ? 'CPU' : 'wall-clock'} time; arcjet = @arcjet/analyze-wasm ${packageVersion('@arcjet/analyze-wasm')}, ` +
    `validator = validator ${packageVersion('validator')}`);
  console.log(`email_bench: ${emailBench}`);
  printVerdicts(classifiers);
  const { columns, cppValid } = measureAll(emailBench, classifiers, opts);
  console.log(`  (warden wasm2c in email_bench: ${TYPICAL_CASES.map(([k]) => `${k} ${cppValid.get(k) ? 'valid' : 'invalid'}`).join(', ')})`);
  console.log('');
  printTable(columns);
  console.log('');
  const checks = printTargets(columns);
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({
      cases: Object.fromEntries(TYPICAL_CASES),
      columns: columns.map((c) => ({ name: c.name, typical: c.typical, byCase: Object.fromEntries(c.byCase) })),
      checks, targets: SPEED_TARGETS,
    }, null, 1)}\n`);
  }
}

runMain('speed', USAGE, main);
