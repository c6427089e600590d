// Timing helpers shared by the Node speed benchmarks (bench/bots/speed.mjs,
// bench/email/speed.mjs; each suite's lib/timing.mjs adds its cases and its binary's runner):
// a plain-loop timer, a median and the interleaved timing of several classifiers for the Node
// side, and running a Google Benchmark binary and reading its JSON for the C++ side; the speed
// scripts' common flags, their check, and number formats.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

import { UsageError, parseFlags } from './common.mjs';

let sink = 0;

// One timed run of fn: at least minTime seconds of wall clock, in doubling batches. Returns ns
// per call, wall clock (`real`) and the process's CPU time (`cpu`, user + system, all threads).
export function timeOnce(fn, minTime) {
  const budget = BigInt(Math.round(minTime * 1e9));
  let iterations = 0;
  let batch = 64;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) if (fn()) sink++;
    iterations += batch;
    batch = Math.min(batch * 2, 1 << 16);
    elapsed = process.hrtime.bigint() - start;
  }
  const cpu = process.cpuUsage(cpu0);
  return { real: Number(elapsed) / iterations, cpu: ((cpu.user + cpu.system) * 1000) / iterations };
}

// Calls fn `calls` times untimed (the JIT's and the caches' warm-up).
export function warmUp(fn, calls) {
  for (let i = 0; i < calls; i++) if (fn()) sink++;
  return sink;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// Writes cases ([name, text] pairs) as `<name>\t<text>` lines to <fresh temp dir>/<fileName>
// (the dir named after `prefix`), calls fn(file) and removes the dir; returns fn's result.
export function withCaseFile(prefix, fileName, cases, fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const file = path.join(dir, fileName);
    writeFileSync(file, cases.map(([name, text]) => `${name}\t${text}\n`).join(''));
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Google Benchmark flags for JSON output with `repetitions` runs of ≥ minTime s, medians only.
export const benchmarkFlags = ({ repetitions, minTime }) => ['--benchmark_format=json', `--benchmark_min_time=${minTime}`,
  `--benchmark_repetitions=${repetitions}`, '--benchmark_report_aggregates_only=true'];

// Runs a Google Benchmark binary with args; returns its parsed JSON. Throws when it fails.
export function runGoogleBenchmark(binary, args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`${binary}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${binary} exited ${r.status}: ${r.stderr.trim()}`);
  // A constant counter's coefficient of variation is printed as NaN, which JSON lacks.
  return JSON.parse(r.stdout.replace(/:\s*-?(?:NaN|nan|inf|Infinity)\b/g, ': null'));
}

const NS_PER_UNIT = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

// Map nameRe's first group -> valueOf(ns, benchmark) over the medians (or, without
// repetitions, the first run) of the benchmarks whose name matches nameRe; ns is the real or
// the CPU time (`time`). A benchmark that reported an error throws.
export function parseGoogleBenchmark(json, time, nameRe, valueOf = (ns) => ns) {
  const out = new Map();
  for (const b of json.benchmarks) {
    if (b.error_occurred) throw new Error(`${b.name}: ${b.error_message}`);
    const single = b.run_type !== 'aggregate';
    if (!single && b.aggregate_name !== 'median') continue;
    const m = nameRe.exec(single ? b.name : b.run_name);
    if (!m || (single && out.has(m[1]))) continue;
    const ns = (time === 'cpu' ? b.cpu_time : b.real_time) * NS_PER_UNIT[b.time_unit ?? 'ns'];
    out.set(m[1], valueOf(ns, b));
  }
  return out;
}

// Times classifiers ([{ name, call }]) on cases ([name, input] pairs), interleaved per
// repetition, after warmUpCalls untimed calls each. Returns name -> case -> ns (the median of
// opts.repetitions runs of ≥ opts.minTime s; `time`, 'real' or 'cpu', picks the clock).
export function timeClassifiers(classifiers, cases, opts, { time, warmUpCalls }) {
  const samples = new Map(classifiers.map((c) => [c.name, new Map(cases.map(([k]) => [k, []]))]));
  for (const c of classifiers) for (const [, input] of cases) warmUp(() => c.call(input), warmUpCalls);
  for (let r = 0; r < opts.repetitions; r++) {
    for (const c of classifiers) {
      for (const [name, input] of cases) samples.get(c.name).get(name).push(timeOnce(() => c.call(input), opts.minTime)[time]);
    }
  }
  const out = new Map();
  for (const [cname, byCase] of samples) out.set(cname, new Map([...byCase].map(([k, xs]) => [k, median(xs)])));
  return out;
}

// The parseFlags spec of the flags every speed script takes (besides its binary's path).
export const SPEED_FLAGS = Object.freeze({
  '--component-dir': ['componentDir', 'string'],
  '--repetitions': ['repetitions', 'number'],
  '--min-time': ['minTime', 'number'],
  '--time': ['time', 'string'],
  '--json': ['json', 'string'],
});

// The speed scripts' flags: defaults --repetitions 5, --min-time 0.1, --time real; --time must
// be real or cpu (else UsageError); repetitions rounded down.
export function parseSpeedFlags(argv, spec) {
  const opts = parseFlags(argv, spec, { repetitions: 5, minTime: 0.1, time: 'real' });
  if (opts.help) return opts;
  if (opts.time !== 'real' && opts.time !== 'cpu') throw new UsageError(`--time wants real or cpu, got ${opts.time}`);
  opts.repetitions = Math.floor(opts.repetitions);
  return opts;
}

// ns as "<n> ns" below 10 µs, else "<n.n> µs"; 'n/a' when undefined.
export const fmt = (ns) => (ns === undefined ? 'n/a' : ns >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
// a / b as "<r.r>×"; 'n/a' when either is undefined.
export const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(1)}×`);
export const verdict = (ok) => (ok ? 'met' : 'MISSED');
