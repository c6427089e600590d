#!/usr/bin/env node
// Bot-detection speed (docs/bot-benchmarks.md): ns per classification of a fixed mix of
// typical User-Agents (Chrome desktop, Safari iOS, Googlebot, curl, a long Facebook in-app
// UA) and of an 8 KB UA, for warden through wasm2c and native (bot_speed, Google Benchmark),
// warden through the Node package, Arcjet's module (@arcjet/analyze-wasm) in Node and isbot in
// Node — all in this one run. Every figure is the median of --repetitions timed runs of at
// least --min-time seconds; the Node classifiers' runs are interleaved (repetition by
// repetition) so a busy machine slows them alike. The "typical" figure of a classifier is
// the median over the typical mix of its per-UA figures. Prints the ratios and the targets.
//
// Benchmarks report, tests assert: exit 0 whether or not a target is met; 1 when a
// classifier cannot be run; 2 on a usage error.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

import { runMain } from '../lib/common.mjs';
import { SPEED_FLAGS, fmt, median, parseSpeedFlags, ratio, timeClassifiers, verdict } from '../lib/timing.mjs';
import {
  findBotSpeed, findBuildOutput, findComponentDir, loadArcjet, loadIsbot, loadWardenNode, packageVersion,
  requireComparisonPackages,
} from './lib/common.mjs';
import { ALL_CASES, LARGE_CASE, TYPICAL_CASES, runBotSpeed, runOtherBotBenchmarks } from './lib/timing.mjs';

const USAGE = `usage: node bench/bots/speed.mjs [options]
  --bot-speed <path>     the C++ benchmark binary (default: build/default/bench/bots/bot_speed, else the newest build/*)
  --engine-bench <path>  also run this binary's BM_Bot_* benchmarks (default: bench/bot_bench and
                         bench/engine_bench of the build, each when it has any)
  --component-dir <dir>  the transpiled Node component (default: $WARDEN_NODE_COMPONENT_DIR, else build/*)
  --repetitions <n>      timed runs per figure; the median is used (default 5)
  --min-time <s>         seconds per timed run (default 0.1)
  --time real|cpu        which C++ figure to use (default real: wall clock, as the Node side)
  --json <path>          also write the figures as JSON
  -h, --help             this text`;

const FLAGS = { ...SPEED_FLAGS, '--bot-speed': ['botSpeed', 'string'], '--engine-bench': ['engineBench', 'string'] };

export const SPEED_TARGETS = Object.freeze({ typicalNs: 500, largeNs: 20000, vsArcjet: 20, vsIsbot: 6 });

function printTable(columns) {
  const w = 28;
  const pad = (s) => String(s).padStart(18);
  console.log('case'.padEnd(w) + columns.map((c) => pad(c.name)).join(''));
  for (const [name, ua] of ALL_CASES) {
    console.log(`${name} (${ua.length} B)`.padEnd(w) + columns.map((c) => pad(fmt(c.byCase.get(name)))).join(''));
  }
  console.log('typical: median of 5'.padEnd(w) + columns.map((c) => pad(fmt(c.typical))).join(''));
}

function verdictLine(name, r) {
  if (typeof r === 'boolean') return `${name}: ${r ? 'bot' : 'not a bot'}`;
  if ('error' in r) return `${name}: error ${JSON.stringify(r.error)}`;
  return `${name}: ${r.denied.length ? r.denied.join(',') : 'not a bot'}`;
}

async function loadClassifiers(opts) {
  const node = await loadWardenNode(findComponentDir(opts.componentDir));
  const arcjet = await loadArcjet();
  const isbot = await loadIsbot();
  return [
    { name: 'warden node', call: node.detect },
    { name: `arcjet ${packageVersion('@arcjet/analyze-wasm')}`, call: arcjet.detect },
    { name: `isbot ${packageVersion('isbot')}`, call: isbot.detect },
    // What Arcjet's column spends before entering its module: the request's JSON text.
    { name: 'arcjet JSON only', call: (ua) => JSON.stringify({ headers: { 'user-agent': ua } }), reference: true },
  ];
}

// Columns in this order: wasm2c, native, then the Node classifiers as loaded.
function measureAll(botSpeed, classifiers, opts) {
  const both = runBotSpeed(botSpeed, ALL_CASES, opts);
  const cpp = both[opts.time];
  const other = opts.time === 'real' ? 'cpu' : 'real';
  const typicalOf = (engine) => median(TYPICAL_CASES.map(([k]) => both[other].get(`${k}/${engine}`)));
  console.log(`(C++ ${other} time, for comparison: wasm2c typical ${fmt(typicalOf('wasm2c'))}, ` +
    `8 KB ${fmt(both[other].get(`${LARGE_CASE[0]}/wasm2c`))}; native typical ${fmt(typicalOf('native'))})`);
  const nodeFigures = timeClassifiers(classifiers, ALL_CASES, opts, { time: 'real', warmUpCalls: 3000 });
  const typicalNames = TYPICAL_CASES.map(([k]) => k);
  const column = (name, byCase) => ({ name, byCase, typical: median(typicalNames.map((k) => byCase.get(k))) });
  return [
    column('warden wasm2c', new Map(ALL_CASES.map(([k]) => [k, cpp.get(`${k}/wasm2c`)]))),
    column('warden native', new Map(ALL_CASES.map(([k]) => [k, cpp.get(`${k}/native`)]))),
    ...classifiers.map((c) => column(c.name, nodeFigures.get(c.name))),
  ];
}

function printTargets(columns) {
  const [wasm2c, native, wnode, aj, ib, ajJson] = columns;
  const large = LARGE_CASE[0];
  const t = SPEED_TARGETS;
  const checks = {
    typical: wasm2c.typical <= t.typicalNs,
    large: wasm2c.byCase.get(large) <= t.largeNs,
    vsArcjet: aj.typical / wasm2c.typical >= t.vsArcjet,
    vsIsbot: ib.typical / wasm2c.typical >= t.vsIsbot,
  };
  const big = (c) => c.byCase.get(large);
  console.log(`warden wasm2c typical median: ${fmt(wasm2c.typical)} (target ≤ ${t.typicalNs} ns: ${verdict(checks.typical)})`);
  console.log(`warden wasm2c 8 KB UA: ${fmt(big(wasm2c))} (target ≤ ${t.largeNs / 1000} µs: ${verdict(checks.large)})`);
  console.log(`Arcjet's module / warden wasm2c (typical): ${ratio(aj.typical, wasm2c.typical)} (target ≥ ${t.vsArcjet}×: ${verdict(checks.vsArcjet)})`);
  console.log(`isbot / warden wasm2c (typical): ${ratio(ib.typical, wasm2c.typical)} (target ≥ ${t.vsIsbot}×: ${verdict(checks.vsIsbot)})`);
  console.log(`for reference: wasm2c / native ${ratio(wasm2c.typical, native.typical)}, ` +
    `warden node / wasm2c ${ratio(wnode.typical, wasm2c.typical)}, Arcjet's module / warden node ${ratio(aj.typical, wnode.typical)}, ` +
    `isbot / warden node ${ratio(ib.typical, wnode.typical)}; 8 KB: Arcjet / wasm2c ${ratio(big(aj), big(wasm2c))}, ` +
    `isbot / wasm2c ${ratio(big(ib), big(wasm2c))}`);
  console.log(`Arcjet's column includes JSON.stringify of the request (its interface takes a string): ` +
    `${fmt(ajJson.typical)} typical; without it Arcjet's module / warden wasm2c would be ` +
    `${ratio(aj.typical - ajJson.typical, wasm2c.typical)}`);
  return checks;
}

// BM_Bot_* benchmarks of the other C++ binaries (bot_bench, engine_bench), when they have any.
function runOtherBenches(opts) {
  const found = opts.engineBench
    ? [opts.engineBench]
    : [findBuildOutput(undefined, 'bench/bot_bench'), findBuildOutput(undefined, 'bench/engine_bench')].filter(Boolean);
  const all = {};
  for (const binary of found) {
    const figures = runOtherBotBenchmarks(binary, opts);
    if (!figures || !figures.size) continue;
    console.log(`\n${binary} BM_Bot_*, same run:`);
    for (const [name, ns] of figures) console.log(`  ${name.padEnd(48)} ${fmt(ns)}`);
    all[binary] = Object.fromEntries(figures);
  }
  return all;
}

async function main() {
  const opts = parseSpeedFlags(process.argv.slice(2), FLAGS);
  if (opts.help) return console.log(USAGE);
  requireComparisonPackages();
  const botSpeed = findBotSpeed(opts.botSpeed);
  if (!botSpeed) throw new Error('bot_speed not found: build the bot_speed target or pass --bot-speed');
  const classifiers = await loadClassifiers(opts);
  console.log(`== bot-detection speed: ${opts.repetitions} × ≥${opts.minTime} s per figure, median; C++ ${opts.time} time`);
  console.log(`bot_speed: ${botSpeed}`);
  console.log('verdicts (config allow: [], so every detected bot is denied):');
  const shown = classifiers.filter((c) => !c.reference);
  for (const [name, ua] of ALL_CASES) {
    console.log(`  ${name.padEnd(20)} ${shown.map((c) => verdictLine(c.name, c.call(ua))).join(' | ')}`);
  }
  const columns = measureAll(botSpeed, classifiers, opts);
  console.log('');
  printTable(columns);
  console.log('');
  const checks = printTargets(columns);
  const other = runOtherBenches(opts);
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({
      cases: Object.fromEntries(ALL_CASES.map(([k, ua]) => [k, ua.length])),
      columns: columns.map((c) => ({ name: c.name, typical: c.typical, byCase: Object.fromEntries(c.byCase) })),
      checks, targets: SPEED_TARGETS, otherBenches: other,
    }, null, 1)}\n`);
  }
}

runMain('speed', USAGE, main);
