// Timing helpers for the email speed benchmark (bench/email/speed.mjs): the typical address
// mix and the email_bench (Google Benchmark) runner for the C++ side. The Node-side timer and
// the Google Benchmark plumbing are bench/lib/timing.mjs's.
import {
  benchmarkFlags, parseGoogleBenchmark, runGoogleBenchmark, withCaseFile,
} from '../../lib/timing.mjs';

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

// Runs email_bench on the cases. Returns Map "<case>/<engine>" -> { ns, valid } (the median
// of the repetitions).
export function runEmailBench(binary, cases, opts) {
  return withCaseFile('email-bench-', 'cases.tsv', cases, (file) => {
    const json = runGoogleBenchmark(binary, [`--cases=${file}`, ...benchmarkFlags(opts)]);
    return parseGoogleBenchmark(json, opts.time, /^BM_EmailSyntax\/(.+)$/,
      (ns, b) => ({ ns, valid: b.valid === undefined ? undefined : b.valid >= 0.5 }));
  });
}
