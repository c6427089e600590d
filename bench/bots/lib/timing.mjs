// Timing helpers for the bot speed benchmark (bench/bots/speed.mjs): the User-Agent cases and
// the runners of bot_speed and of other binaries' BM_Bot_* benchmarks (Google Benchmark) for the
// C++ side. The Node-side timer and the Google Benchmark plumbing are bench/lib/timing.mjs's.
import { spawnSync } from 'node:child_process';

import {
  benchmarkFlags, parseGoogleBenchmark, runGoogleBenchmark, withCaseFile,
} from '../../lib/timing.mjs';

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

// Runs bot_speed on the cases; returns { real, cpu }, each a Map "<case>/<engine>" -> ns (median
// of repetitions).
export function runBotSpeed(binary, cases, opts) {
  return withCaseFile('bot-speed-', 'uas.tsv', cases, (file) => {
    const json = runGoogleBenchmark(binary, [`--uas=${file}`, ...benchmarkFlags(opts)]);
    const re = /^BM_BotUA\/(.+)$/;
    return { real: parseGoogleBenchmark(json, 'real', re), cpu: parseGoogleBenchmark(json, 'cpu', re) };
  });
}

// BM_Bot_* benchmarks of another binary (engine_bench), when it has them; else null.
export function runOtherBotBenchmarks(binary, opts) {
  const list = spawnSync(binary, ['--benchmark_list_tests=true', '--benchmark_filter=^BM_Bot_'], { encoding: 'utf8' });
  if (list.status !== 0 || list.stdout.trim() === '') return null;
  const json = runGoogleBenchmark(binary, ['--benchmark_filter=^BM_Bot_', ...benchmarkFlags(opts)]);
  return parseGoogleBenchmark(json, opts.time, /^(BM_Bot_.+)$/);
}
