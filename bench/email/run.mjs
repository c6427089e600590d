#!/usr/bin/env node
// The email benchmark driver (docs/email-benchmarks.md): runs agreement.mjs and speed.mjs one
// after the other in this one run, shows their full output, and closes with one summary of the
// figures next to each other and the issue's targets (met / MISSED).
//
//   node bench/email/run.mjs [options]        (or: cmake --build <dir> --target bench_email)
//
// Exit status 0 whether or not a target is met; non-zero when a part could not run (its own
// exit status), 2 on a usage error. The suites file being absent is not an error: agreement
// says so and is left out of the summary.
import os from 'node:os';
import process from 'node:process';

import { fmtNs, runDriver } from '../lib/driver.mjs';
import { HERE, pct } from './lib/common.mjs';

const USAGE = `usage: node bench/email/run.mjs [options]
  --data <file>          the suites file (agreement; default $WARDEN_EMAIL_DATA, else ../shared/data/email/suites.jsonl)
  --warden <path>        the warden CLI (agreement)
  --component-dir <dir>  the transpiled Node component (both)
  --email-bench <path>   the email_bench binary (speed)
  --list <n>             disagreeing rows shown per class group (agreement; default all)
  --repetitions <n>      timed runs per speed figure (default 5)
  --min-time <s>         seconds per timed run (default 0.1)
  --time real|cpu        wall clock or CPU time (speed; default real)
  --no-agreement, --no-speed   skip a part
  --json <path>          write both parts' figures as one JSON file
  -h, --help             this text
Without paths, build outputs are looked up in build/default, then the newest build/*.`;

const AGREEMENT_FLAGS = ['--data', '--warden', '--component-dir', '--list'];
const SPEED_FLAGS = ['--email-bench', '--component-dir', '--repetitions', '--min-time', '--time'];
const FLAGS = {
  '--data': ['data', 'string'], '--warden': ['warden', 'string'], '--component-dir': ['componentDir', 'string'],
  '--email-bench': ['emailBench', 'string'], '--list': ['list', 'string'],
  '--repetitions': ['repetitions', 'string'], '--min-time': ['minTime', 'string'], '--time': ['time', 'string'],
  '--no-agreement': ['noAgreement', 'bool'], '--no-speed': ['noSpeed', 'bool'], '--json': ['json', 'string'],
};

const mark = (ok) => (ok ? ' (met)' : ' (MISSED)');

function agreementLines(acc) {
  const n = acc.nodeVsEval;
  const lines = [n.verdictDiffs === 0
    ? `warden Node package vs eval --engine wasm2c: byte-identical on ${n.lines - n.diffs} of ${n.lines} lines, ` +
      `${n.surrogateRowsSameVerdict} unpaired-surrogate rows the protocol cannot carry with the same verdict`
    : `warden Node package vs eval --engine wasm2c: ${n.verdictDiffs} rows with a DIFFERENT verdict`];
  const m = acc.mirrorVsEval;
  lines.push(`warden Node eval mirror vs eval --engine wasm2c: ${m.diffs === 0 ? `byte-identical on all ${m.lines} lines` : `${m.diffs} lines DIFFER`}`);
  lines.push(`agreement with the suites (${acc.rows} rows; ${acc.versions.arcjet}, ${acc.versions.validator}):` +
    ' (a) all / (b) uncontested / (c) shared by ≥ 2 suites / (d) verdict at default options');
  for (const c of acc.classifiers) {
    const s = c.bySet;
    lines.push(`  ${c.name.padEnd(20)} ${pct(s.all.agree, s.all.total)} / ${pct(s.uncontested.agree, s.uncontested.total)} / ` +
      `${pct(s.shared.agree, s.shared.total)} / ${pct(s.atDefaults.agree, s.atDefaults.total)}${c.reference ? '  (reference)' : ''}`);
  }
  const t = acc.targets;
  // The first two classifiers are warden judged with the row's options and with the suite's
  // options translated (agreement.mjs).
  [t.met, t.metSuiteOptions].forEach((met, k) => {
    const c = acc.classifiers[k];
    const w = c.bySet;
    lines.push(`  targets (${c.name}): uncontested ${pct(w.uncontested.agree, w.uncontested.total, 2)} ≥ ${t.uncontested} %` +
      `${mark(met.uncontested)}, shared ${pct(w.shared.agree, w.shared.total, 2)} = ${t.shared} %${mark(met.shared)}`);
  });
  lines.push(`  issue's reference: Arcjet ${acc.reference.arcjet} %, validator ${acc.reference.validator} %`);
  const l = acc.literalRecheck;
  if (l) lines.push(`  invalid domain literals with allowDomainLiteral: true: ${l.stillInvalid} of ${l.rows} still invalid` +
    (l.accepted.length ? ` (accepted: ${l.accepted.join(', ')})` : ''));
  return lines;
}

function speedLines(speed) {
  const lines = [`syntax check, typical median: ${speed.columns.map((c) => `${c.name} ${fmtNs(c.typical)}`).join(', ')}`];
  const [w, , , aj, va] = speed.columns;
  const t = speed.targets;
  lines.push(`  targets: wasm2c ≤ ${t.typicalNs} ns${mark(speed.checks.typical)}, Arcjet/wasm2c ` +
    `${(aj.typical / w.typical).toFixed(1)}× ≥ ${t.vsArcjet}×${mark(speed.checks.vsArcjet)}; ` +
    `validator/wasm2c ${(va.typical / w.typical).toFixed(1)}×`);
  return lines;
}

function summary({ agreement: acc, speed }, opts) {
  const cpu = os.cpus();
  const lines = ['', `== summary (${new Date().toISOString()}, Node ${process.version}, ${cpu.length} CPUs: ${cpu[0]?.model ?? '?'}, ` +
    `load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`];
  if (!acc && !opts.noAgreement) lines.push('agreement: no figures (the suites file was not found, see above)');
  if (acc) lines.push(...agreementLines(acc));
  if (speed) lines.push(...speedLines(speed));
  return lines.join('\n');
}

runDriver({
  suiteDir: HERE, usage: USAGE, flags: FLAGS, tmpPrefix: 'bench-email-',
  parts: [['agreement', 'noAgreement', AGREEMENT_FLAGS], ['speed', 'noSpeed', SPEED_FLAGS]],
  summary,
});
