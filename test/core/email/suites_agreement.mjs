#!/usr/bin/env node
// Measures how often `warden eval validate-email` agrees with the verdicts of the public email
// test suites in <data>/suites.jsonl (isemail, python-email-validator, hapi/address; see
// /work/shared/data/README.md). Every row is judged twice: under its own `options` (the data's
// mapping to requireTopLevelDomain / allowDomainLiteral), and under its suite's options
// translated to warden's equivalents (bench/email/lib/suite_options.mjs); both figures are
// printed, the second is scored. Rows whose suites disagree ("disagreement" set) are reported
// but not scored.
//
// Usage: node suites_agreement.mjs --warden <warden> [--engine native] [--data <suites.jsonl>]
//        [--list] [--min-uncontested 99.5] [--min-shared 100]
// Exit: 0 when the targets are met, 1 below them, 77 (ctest SKIP) when the data file is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import { suiteOptions } from '../../../bench/email/lib/suite_options.mjs';
import { flag, opt, required } from './cli_args.mjs';

const warden = required(opt('--warden'),
  'suites_agreement.mjs --warden <path> [--engine e] [--data file] [--list]');
const engine = opt('--engine', 'native');
const data = opt('--data', '/work/shared/data/email/suites.jsonl');
const minUncontested = Number(opt('--min-uncontested', '99.5'));
const minShared = Number(opt('--min-shared', '100'));
const list = flag('--list');

if (!existsSync(data)) {
  console.log(`SKIP: ${data} is absent (the email test suites are not in the repository)`);
  process.exit(77);
}

const rows = readFileSync(data, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// The eval output lines for every row under optionsOf(row) (warden's option names).
function judge(optionsOf) {
  const input = rows.map((row) => JSON.stringify({ email: row.address, config: { ...optionsOf(row), deny: [] } }))
    .join('\n') + '\n';
  const run = spawnSync(warden, ['eval', 'validate-email', '--engine', engine], {
    input, maxBuffer: 64 << 20, encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(`warden exited with ${run.status}: ${run.stderr}`);
    process.exit(1);
  }
  const outputs = run.stdout.split('\n').filter(Boolean);
  if (outputs.length !== rows.length) {
    console.error(`expected ${rows.length} output lines, got ${outputs.length}`);
    process.exit(1);
  }
  return outputs;
}

// A line the eval protocol rejects (e.g. a lone surrogate JSON cannot carry) counts as invalid:
// no host can hand such a string to the module as a valid address.
const verdictOf = (line) => JSON.parse(line).validity ?? 'invalid';

function tallyOf(outputs) {
  const tally = { uncontested: [0, 0], shared: [0, 0], contested: [0, 0] };
  const misses = [];
  rows.forEach((row, i) => {
    const ok = verdictOf(outputs[i]) === row.expected;
    const bucket = row.disagreement ? 'contested' : 'uncontested';
    tally[bucket][0] += ok ? 1 : 0;
    tally[bucket][1] += 1;
    const agreeing = row.other_verdicts.filter((v) => v.expected === row.expected).length;
    if (bucket === 'uncontested' && agreeing >= 1) {
      tally.shared[0] += ok ? 1 : 0;
      tally.shared[1] += 1;
    }
    if (!ok) misses.push({ bucket, row, got: outputs[i] });
  });
  return { tally, misses };
}

const pct = ([hit, all]) => (all === 0 ? 100 : (100 * hit) / all);
const fmt = (t) => `${t[0]}/${t[1]} = ${pct(t).toFixed(2)} %`;

function report(title, { tally, misses }, optionsOf, showMisses) {
  console.log(`-- ${title}`);
  console.log(`uncontested (suites agree):   ${fmt(tally.uncontested)}`);
  console.log(`shared by >= 2 suites:        ${fmt(tally.shared)}`);
  console.log(`contested (suites disagree):  ${fmt(tally.contested)} (policy, not scored)`);
  const all = [0, 1].map((k) => tally.uncontested[k] + tally.contested[k]);
  console.log(`all rows:                     ${fmt(all)}`);
  for (const m of misses) {
    if (showMisses && (list || m.bucket === 'uncontested')) {
      console.log(`${m.bucket}\t${m.row.id}\t${JSON.stringify(m.row.address)}\texpected ${m.row.expected}\t` +
        `got ${m.got}\toptions ${JSON.stringify(optionsOf(m.row))}`);
    }
  }
}

const rowOptions = (row) => row.options ?? {};
const byRow = tallyOf(judge(rowOptions));
const bySuite = tallyOf(judge(suiteOptions));
report("each row under its own options (requireTopLevelDomain / allowDomainLiteral only)", byRow, rowOptions, list);
report("each row under its suite's options translated (scored)", bySuite, suiteOptions, true);
const t = bySuite.tally;
const pass = pct(t.uncontested) >= minUncontested && pct(t.shared) >= minShared;
console.log(pass ? 'PASS' : `FAIL: targets are ${minUncontested} % uncontested, ${minShared} % shared`);
process.exit(pass ? 0 : 1);
