// Timing helpers for the bot speed benchmark (bench/bots/speed.mjs): the User-Agent cases,
// a plain-loop timer for the Node side, and the bot_speed (Google Benchmark) runner for the
// C++ side.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const CHROME_DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

// The 8 KB case: a desktop browser UA followed by browser-like product tokens up to exactly
// 8,192 bytes (ASCII), so a matcher has to read all of it and finds no bot.
function eightKilobyteUa() {
  let ua = CHROME_DESKTOP;
  for (let i = 0; ua.length < 8192; i++) ua += ` Ext${i % 97}/${i}.0 (like Gecko; rv:${i})`;
  return ua.slice(0, 8192);
}

// The fixed mix of typical UAs (their median is the "typical" figure), then the 8 KB case.
export const TYPICAL_CASES = Object.freeze([
  ['chrome_desktop', CHROME_DESKTOP],
  ['safari_ios', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'],
  ['googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ['curl', 'curl/8.5.0'],
  ['inapp_facebook_ios', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ' +
    '[FBAN/FBIOS;FBAV/458.0.0.38.108;FBBV/585936180;FBDV/iPhone15,3;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/587431405]'],
]);
export const LARGE_CASE = Object.freeze(['ua_8kb', eightKilobyteUa()]);
export const ALL_CASES = Object.freeze([...TYPICAL_CASES, LARGE_CASE]);

let sink = 0;

// One timed run of fn: at least minTime seconds, in doubling batches. Returns ns per call.
export function timeOnce(fn, minTime) {
  const budget = BigInt(Math.round(minTime * 1e9));
  let iterations = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) if (fn()) sink++;
    iterations += batch;
    batch = Math.min(batch * 2, 1 << 16);
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / iterations;
}

export function warmUp(fn, calls = 3000) {
  for (let i = 0; i < calls; i++) if (fn()) sink++;
  return sink;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// Runs bot_speed on the cases; returns { real, cpu }, each a Map "<case>/<engine>" -> ns (median
// of repetitions).
export function runBotSpeed(binary, cases, { repetitions, minTime }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bot-speed-'));
  try {
    const file = path.join(dir, 'uas.tsv');
    writeFileSync(file, cases.map(([name, ua]) => `${name}\t${ua}\n`).join(''));
    const args = [`--uas=${file}`, '--benchmark_format=json', `--benchmark_min_time=${minTime}`,
      `--benchmark_repetitions=${repetitions}`, '--benchmark_report_aggregates_only=true'];
    const json = runBinary(binary, args);
    const re = /^BM_BotUA\/(.+)$/;
    return { real: parseGoogleBenchmark(json, 'real', re), cpu: parseGoogleBenchmark(json, 'cpu', re) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// BM_Bot_* benchmarks of another binary (engine_bench), when it has them; else null.
export function runOtherBotBenchmarks(binary, { repetitions, minTime, time }) {
  const list = spawnSync(binary, ['--benchmark_list_tests=true', '--benchmark_filter=^BM_Bot_'], { encoding: 'utf8' });
  if (list.status !== 0 || list.stdout.trim() === '') return null;
  const args = ['--benchmark_format=json', `--benchmark_min_time=${minTime}`, '--benchmark_filter=^BM_Bot_',
    `--benchmark_repetitions=${repetitions}`, '--benchmark_report_aggregates_only=true'];
  return parseGoogleBenchmark(runBinary(binary, args), time, /^(BM_Bot_.+)$/);
}

function runBinary(binary, args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`${binary}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${binary} exited ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

const NS_PER_UNIT = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

function parseGoogleBenchmark(json, time, nameRe) {
  const out = new Map();
  for (const b of json.benchmarks) {
    if (b.error_occurred) throw new Error(`${b.name}: ${b.error_message}`);
    const single = b.run_type !== 'aggregate';
    if (!single && b.aggregate_name !== 'median') continue;
    const base = single ? b.name : b.run_name;
    const m = nameRe.exec(base);
    if (!m) continue;
    const value = (time === 'cpu' ? b.cpu_time : b.real_time) * NS_PER_UNIT[b.time_unit ?? 'ns'];
    if (single && out.has(m[1])) continue;
    out.set(m[1], value);
  }
  return out;
}
