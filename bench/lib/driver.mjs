// The frame shared by the benchmark drivers (bench/bots/run.mjs, bench/email/run.mjs): parse
// the flags, run each part's script (accuracy or agreement, then speed) as a child Node process
// with its own flags forwarded and its figures written to a temp JSON file, print the driver's
// summary of those figures, optionally write them as one JSON file, and turn errors into the
// exit status (1; 2 and the usage text for a usage error).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

import { UsageError, parseFlags } from './common.mjs';

// ns as "<n> ns" below 10 µs, else "<n.n> µs".
export const fmtNs = (ns) => (ns >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);

// The argv of `flags` (each of flagSpec's) whose values are set in opts.
function forward(opts, flagSpec, flags) {
  const args = [];
  for (const flag of flags) {
    const value = opts[flagSpec[flag][0]];
    if (value !== undefined) args.push(flag, value);
  }
  return args;
}

// Runs <suiteDir>/<script> with args and `--json <jsonPath>`; returns the figures it wrote, or
// null when it wrote none. Throws when it fails.
function runPart(suiteDir, script, args, jsonPath) {
  const r = spawnSync(process.execPath, [path.join(suiteDir, script), ...args, '--json', jsonPath], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status ?? r.signal}`);
  return existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : null;
}

// Runs a driver. spec: { suiteDir, usage, flags (parseFlags's spec), tmpPrefix, parts, summary }
// where parts lists [key, skip, forwarded] per part in order: the script <key>.mjs, the opts key
// of its --no-* flag, and the flags forwarded to it; a blank line follows each part run but the
// last. summary(figures, opts) returns the closing text, figures being { [key]: the part's
// figures, or null when it was skipped or wrote none }; they go to --json as they are. On an
// error it prints it and exits 1 (2, with the usage text, on a usage error).
export function runDriver(spec) {
  try {
    const opts = parseFlags(process.argv.slice(2), spec.flags, {});
    if (opts.help) return console.log(spec.usage);
    const dir = mkdtempSync(path.join(os.tmpdir(), spec.tmpPrefix));
    try {
      const figures = {};
      spec.parts.forEach(([key, skip, forwarded], i) => {
        const args = forward(opts, spec.flags, forwarded);
        figures[key] = opts[skip] ? null : runPart(spec.suiteDir, `${key}.mjs`, args, path.join(dir, `${key}.json`));
        if (i < spec.parts.length - 1 && !opts[skip]) console.log('');
      });
      console.log(spec.summary(figures, opts));
      if (opts.json) writeFileSync(opts.json, `${JSON.stringify(figures, null, 1)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } catch (e) {
    console.error(`run.mjs: ${e.message}`);
    if (e instanceof UsageError) {
      console.error(spec.usage);
      process.exit(2);
    }
    process.exit(1);
  }
}
