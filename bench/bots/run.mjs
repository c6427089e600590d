#!/usr/bin/env node
// The bot-detection benchmark driver (docs/bot-benchmarks.md): runs accuracy.mjs and
// speed.mjs one after the other in this one run, shows their full output, and closes with one
// summary of the figures next to each other and the targets (met / MISSED).
//
//   node bench/bots/run.mjs [options]        (or: cmake --build <dir> --target bench_bots)
//
// Exit status 0 whether or not a target is met; non-zero when a part could not run (its own
// exit status), 2 on a usage error. The corpus being absent is not an error: accuracy says
// so and is left out of the summary.
import os from 'node:os';
import process from 'node:process';

import { fmtNs, runDriver } from '../lib/driver.mjs';
import { HERE, pct } from './lib/common.mjs';
import { TARGETS } from './lib/metrics.mjs';

const USAGE = `usage: node bench/bots/run.mjs [options]
  --data <dir>           corpus folder (accuracy; default $WARDEN_BOT_DATA, else ../shared/data/bots)
  --warden <path>        the warden CLI (accuracy)
  --component-dir <dir>  the transpiled Node component (both)
  --bot-speed <path>     the bot_speed binary (speed)
  --engine-bench <path>  a binary whose BM_Bot_* benchmarks are listed too (speed; default bot_bench, engine_bench)
  --repetitions <n>      timed runs per speed figure (default 5)
  --min-time <s>         seconds per timed run (default 0.1)
  --time real|cpu        which C++ figure (default real)
  --top <n>, --list <n>  confusion groups / false positives listed (accuracy)
  --no-accuracy, --no-speed   skip a part
  --json <path>          write both parts' figures as one JSON file
  -h, --help             this text
Without paths, build outputs are looked up in build/default, then the newest build/*.`;

const ACCURACY_FLAGS = ['--data', '--warden', '--component-dir', '--top', '--list'];
const SPEED_FLAGS = ['--bot-speed', '--engine-bench', '--component-dir', '--repetitions', '--min-time', '--time'];
const FLAGS = {
  '--data': ['data', 'string'], '--warden': ['warden', 'string'], '--component-dir': ['componentDir', 'string'],
  '--bot-speed': ['botSpeed', 'string'], '--engine-bench': ['engineBench', 'string'],
  '--repetitions': ['repetitions', 'string'], '--min-time': ['minTime', 'string'], '--time': ['time', 'string'],
  '--top': ['top', 'string'], '--list': ['list', 'string'],
  '--no-accuracy': ['noAccuracy', 'bool'], '--no-speed': ['noSpeed', 'bool'], '--json': ['json', 'string'],
};

const mark = (ok) => (ok === null || ok === undefined ? '' : ok ? ' (met)' : ' (MISSED)');

function summary({ accuracy: acc, speed }, opts) {
  const lines = ['', `== summary (${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs: ${os.cpus()[0]?.model ?? '?'})`];
  if (!acc && !opts.noAccuracy) lines.push('accuracy: no figures (the corpus was not found, see above)');
  if (acc) {
    for (const a of acc.agreement) lines.push(`${a.identical ? 'byte-identical' : 'DIFFERENT'}: ${a.name} (${a.lines} lines)`);
    for (const c of acc.classifiers) {
      const id = c.hasIds ? `, correct ID ${pct(c.ids.correct, c.ids.named)}${mark(c.targets.id)}` : ', no IDs';
      lines.push(`${c.name.padEnd(16)} recall ${pct(c.bots.detected, c.bots.total)}${mark(c.targets.recall)}, ` +
        `FP ${c.humans.flagged}/${c.humans.total} = ${pct(c.humans.flagged, c.humans.total, 3)}${mark(c.targets.fp)}${id}`);
    }
    lines.push(`  accuracy targets: recall ≥ ${TARGETS.recall} %, FP ≤ ${TARGETS.fpMax} %, ID ≥ ${TARGETS.id} %`);
  }
  if (speed) {
    for (const c of speed.columns) {
      lines.push(`${c.name.padEnd(16)} typical ${fmtNs(c.typical)}, 8 KB ${fmtNs(c.byCase.ua_8kb)}`);
    }
    const [w, , , aj, ib] = speed.columns;
    const t = speed.targets;
    lines.push(`  speed targets: wasm2c typical ≤ ${t.typicalNs} ns${mark(speed.checks.typical)}, 8 KB ≤ ${t.largeNs / 1000} µs${mark(speed.checks.large)}, ` +
      `Arcjet/wasm2c ${(aj.typical / w.typical).toFixed(1)}× ≥ ${t.vsArcjet}×${mark(speed.checks.vsArcjet)}, ` +
      `isbot/wasm2c ${(ib.typical / w.typical).toFixed(1)}× ≥ ${t.vsIsbot}×${mark(speed.checks.vsIsbot)}`);
  }
  return lines.join('\n');
}

runDriver({
  suiteDir: HERE, usage: USAGE, flags: FLAGS, tmpPrefix: 'bench-bots-',
  parts: [['accuracy', 'noAccuracy', ACCURACY_FLAGS], ['speed', 'noSpeed', SPEED_FLAGS]],
  summary,
});
