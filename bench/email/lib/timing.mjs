// Timing helpers for the email speed benchmark (bench/email/speed.mjs): the typical address
// mix, a plain-loop timer for the Node side, and the email_bench (Google Benchmark) runner for
// the C++ side.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

// The typical mix; its median is the "typical" figure. Kept in step with BuiltInCases() in
// bench/email/email_bench.cc (which uses it when run without --cases).
export const TYPICAL_CASES = Object.freeze([
  ['simple', 'alice@example.com'],
  ['dotted', 'first.middle.last@example.org'],
  ['plus_tag', 'user+newsletter@gmail.com'],
  ['subdomain', 'ops-team@eu-west-1.mail.corp.example.co.uk'],
  ['quoted', '"john doe"@example.com'],
  ['idn', 'jörg@bücher.example'],
]);

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

export function warmUp(fn, calls = 5000) {
  for (let i = 0; i < calls; i++) if (fn()) sink++;
  return sink;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const NS_PER_UNIT = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

// Runs email_bench on the cases. Returns Map "<case>/<engine>" -> { ns, valid } (the median
// of the repetitions).
export function runEmailBench(binary, cases, { repetitions, minTime, time }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'email-bench-'));
  try {
    const file = path.join(dir, 'cases.tsv');
    writeFileSync(file, cases.map(([name, address]) => `${name}\t${address}\n`).join(''));
    const args = [`--cases=${file}`, '--benchmark_format=json', `--benchmark_min_time=${minTime}`,
      `--benchmark_repetitions=${repetitions}`, '--benchmark_report_aggregates_only=true'];
    const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.error) throw new Error(`${binary}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${binary} exited ${r.status}: ${r.stderr.trim()}`);
    // A constant counter's coefficient of variation is printed as NaN, which JSON lacks.
    return parseBenchmarks(JSON.parse(r.stdout.replace(/:\s*-?(?:NaN|nan|inf|Infinity)\b/g, ': null')), time);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseBenchmarks(json, time) {
  const out = new Map();
  for (const b of json.benchmarks) {
    if (b.error_occurred) throw new Error(`${b.name}: ${b.error_message}`);
    const single = b.run_type !== 'aggregate';
    if (!single && b.aggregate_name !== 'median') continue;
    const m = /^BM_EmailSyntax\/(.+)$/.exec(single ? b.name : b.run_name);
    if (!m || (single && out.has(m[1]))) continue;
    const ns = (time === 'cpu' ? b.cpu_time : b.real_time) * NS_PER_UNIT[b.time_unit ?? 'ns'];
    out.set(m[1], { ns, valid: b.valid === undefined ? undefined : b.valid >= 0.5 });
  }
  return out;
}
