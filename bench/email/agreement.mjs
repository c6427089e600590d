#!/usr/bin/env node
// Email-validation agreement with public test suites (docs/email-benchmarks.md): warden,
// Arcjet's module (@arcjet/analyze-wasm) and validator.isEmail judge every address of
// suites.jsonl (isemail, python-email-validator, hapi/address vectors with their verdicts);
// prints the agreement with the suites' verdicts on (a) all rows, (b) rows no suite contests,
// (c) rows at least two suites share, (d) rows whose verdict holds at the default options,
// every disagreement grouped by the row's `classes`, and
// whether the issue's targets for warden are met.
//
// warden is run in ways that must agree byte for byte on every row: `warden eval
// validate-email --engine wasm2c` (one process, the whole file as a batch) and the Node
// package (createAnalyzer → validateEmail, each result printed with JSON.stringify, which is
// how the eval protocol prints it); the package's eval mirror (bin/warden-eval.mjs) is compared
// on the same input lines too. warden judges every row twice: with the row's `options` (the
// options under which the suite's verdict holds, as the data maps them) over its defaults, and
// with the suite's own options translated to warden's equivalents (suiteOptions; none: its
// defaults); both figures are printed. Arcjet's module and validator run at their defaults (as
// the issue measures them). Only `validity` is read (results may carry more).
//
// Benchmarks report, tests assert: exit 0 whether or not a target is met (and 0 with a message
// when the suites file is absent); 1 when a classifier cannot be run; 2 on a usage error.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

import { VERDICT_FLAGS, evalResultLine, runBatch, runMain } from '../lib/common.mjs';
import {
  ROOT, defaultDataFile, findComponentDir, findWarden, loadArcjet, loadSuites, loadValidator,
  loadWardenNode, packageVersion, parseFlags, pct, requireComparisonPackages, suiteOptions, wardenConfig,
} from './lib/common.mjs';
import {
  REFERENCE, SET_LABELS, TARGETS, computeAgreement, formatDisagreements, formatSummary, rowSets, wardenTargets,
} from './lib/metrics.mjs';

const USAGE = `usage: node bench/email/agreement.mjs [options]
  --data <file>          the suites file (default $WARDEN_EMAIL_DATA, else ../shared/data/email/suites.jsonl)
  --warden <path>        the warden CLI (default: build/default/tools/eval/warden, else the newest build/*)
  --component-dir <dir>  the transpiled Node component (default: $WARDEN_NODE_COMPONENT_DIR, else build/*)
  --list <n>             disagreeing rows shown per class group (default: all)
  --json <path>          also write the figures as JSON
  -h, --help             this text`;

const FLAGS = { ...VERDICT_FLAGS, '--list': ['list', 'number'] };

// The eval input line for a row. An address with an unpaired surrogate is written with a
// `\udXXX` escape, which the protocol rejects as malformed JSON (docs/eval.md): no host can hand
// such a string over as UTF-8, and the error counts as "invalid".
// `optionsOf(row)`: warden's options for the row (the judging mode).
const evalLine = (row, optionsOf) => JSON.stringify({ email: row.address, config: wardenConfig(optionsOf(row)) });

// The Node package's result as the eval protocol prints it (no overrides, so no `calls`).
const nodeLine = (node, row, optionsOf) =>
  evalResultLine(() => node.validate(row.address, optionsOf(row)), node.formatAnalysisError);

// The two judging modes of warden (docs/email-benchmarks.md).
const MODES = Object.freeze([
  { key: 'row', name: 'warden row options', label: "the row's options", optionsOf: (r) => r.options ?? {} },
  { key: 'suite', name: 'warden suite options', label: "the suite's options translated", optionsOf: suiteOptions },
]);

// 'valid' | 'invalid' of an eval output line; an error line is "invalid" (not accepted).
function verdictOf(line) {
  const r = JSON.parse(line);
  return r.validity === 'valid' ? 'valid' : 'invalid';
}

async function runWarden(opts, rows, optionsOf) {
  const warden = findWarden(opts.warden);
  const componentDir = findComponentDir(opts.componentDir);
  if (!warden) throw new Error('warden CLI not found: build warden_cli or pass --warden');
  const t0 = process.hrtime.bigint();
  const input = `${rows.map((r) => evalLine(r, optionsOf)).join('\n')}\n`;
  const evalOut = runBatch(warden, ['eval', 'validate-email', '--engine', 'wasm2c'], input);
  const evalSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (evalOut.length !== rows.length) throw new Error(`warden eval printed ${evalOut.length} lines for ${rows.length} rows`);
  const node = await loadWardenNode(componentDir);
  const nodeOut = rows.map((row) => nodeLine(node, row, optionsOf));
  const diffs = rows.flatMap((_, i) => (nodeOut[i] === evalOut[i] ? [] : [i]));
  // Rows whose address has an unpaired surrogate cannot be carried by the protocol (the eval
  // answers malformed JSON); there only the verdicts can be compared.
  const carried = rows.filter((r) => r.address.isWellFormed()).length;
  const explained = diffs.filter((i) => !rows[i].address.isWellFormed() && verdictOf(nodeOut[i]) === verdictOf(evalOut[i]));
  const verdictDiffs = diffs.filter((i) => verdictOf(nodeOut[i]) !== verdictOf(evalOut[i]));
  // The Node package's eval mirror reads the same lines, so it is compared on every one.
  const mirrorOut = runBatch(process.execPath, [path.join(ROOT, 'bindings/node/bin/warden-eval.mjs'), 'validate-email'],
    input, { ...process.env, WARDEN_NODE_COMPONENT_DIR: componentDir });
  const mirrorDiffs = rows.flatMap((_, i) => (mirrorOut[i] === evalOut[i] ? [] : [i]));
  return { warden, componentDir, evalSeconds, evalOut, nodeOut, diffs, carried, explained, verdictDiffs, mirrorDiffs };
}

function printWardenRuns(w, rows, mode) {
  console.log(`warden eval with ${mode.label}: ${w.warden} (${w.evalOut.length} lines in ${w.evalSeconds.toFixed(2)} s)`);
  console.log(`Node component: ${w.componentDir}`);
  const errors = w.evalOut.flatMap((l, i) => (l.startsWith('{"error"') ? [i] : []));
  const name = 'Node package (createAnalyzer) vs warden eval --engine wasm2c';
  if (w.diffs.length === 0) {
    console.log(`  ${name}: byte-identical on all ${rows.length} lines`);
  } else if (w.diffs.length === w.explained.length) {
    console.log(`  ${name}: byte-identical on all ${w.carried} lines the protocol can carry; the other ` +
      `${w.diffs.length} (unpaired surrogates: eval says malformed JSON) have the same verdict`);
  } else {
    console.log(`  ${name}: ${w.diffs.length} of ${rows.length} lines DIFFER (${w.explained.length} of them ` +
      `unpaired-surrogate rows with the same verdict, ${w.verdictDiffs.length} with a different verdict)`);
  }
  const mirror = 'Node eval mirror (bin/warden-eval.mjs) vs warden eval --engine wasm2c';
  console.log(`  ${mirror}: ${w.mirrorDiffs.length === 0 ? `byte-identical on all ${rows.length} lines`
    : `${w.mirrorDiffs.length} of ${rows.length} lines DIFFER (first: ${w.mirrorDiffs.slice(0, 5).map((i) => rows[i].id).join(', ')})`}`);
  for (const i of w.diffs.filter((d) => !w.explained.includes(d)).slice(0, 10)) {
    console.log(`    ${rows[i].id} ${JSON.stringify(rows[i].address).slice(0, 80)}`);
    console.log(`      eval ${w.evalOut[i]}\n      node ${w.nodeOut[i]}`);
  }
  if (errors.length) {
    const counts = new Map();
    for (const i of errors) counts.set(w.evalOut[i], (counts.get(w.evalOut[i]) ?? 0) + 1);
    console.log(`  ${errors.length} eval lines are errors, counted as "invalid": ` +
      [...counts].map(([l, n]) => `${n} × ${l}`).join(', '));
  }
}

// Invalid domain literals, re-checked with literals allowed: a row whose suite accepts domain
// literals (isemail always; python-email-validator with allow_domain_literal) and calls this
// one invalid has an invalid literal, which warden must reject for its content, not merely
// because literals are off by default. hapi/address never accepts literals, so its rows are
// left out.
function literalRecheckRows(rows) {
  const acceptsLiterals = (r) => r.source.startsWith('isemail:') || r.suite_options?.allow_domain_literal === true;
  return rows.flatMap((r, i) => (r.expected === 'invalid' && acceptsLiterals(r) && !('allowDomainLiteral' in (r.options ?? {})) &&
    r.classes.some((c) => c.startsWith('domain-literal')) ? [i] : []));
}

function literalRecheck(warden, rows) {
  const idx = literalRecheckRows(rows);
  const input = idx.map((i) => JSON.stringify({
    email: rows[i].address, config: { ...wardenConfig(rows[i].options), allowDomainLiteral: true },
  }));
  const out = idx.length ? runBatch(warden, ['eval', 'validate-email', '--engine', 'wasm2c'], `${input.join('\n')}\n`) : [];
  const accepted = idx.filter((_, k) => verdictOf(out[k]) === 'valid');
  console.log(`invalid domain literals re-checked with allowDomainLiteral: true (suites that accept literals): ` +
    `${idx.length - accepted.length} of ${idx.length} still invalid`);
  for (const i of accepted) {
    console.log(`    ${rows[i].id}: ${JSON.stringify(rows[i].address)} accepted${rows[i].disagreement ? ' (contested)' : ''}`);
  }
  return { rows: idx.length, stillInvalid: idx.length - accepted.length, accepted: accepted.map((i) => rows[i].id) };
}

function printTargets(m, mode) {
  const t = wardenTargets(m);
  const line = (set, target, ok) =>
    `${mode.name}: ${SET_LABELS[set]}: ${pct(m.bySet[set].agree, m.bySet[set].total, 2)} ` +
    `(target ${set === 'shared' ? '' : '≥ '}${target} %: ${ok ? 'met' : 'MISSED'})`;
  console.log(line('uncontested', TARGETS.uncontested, t.uncontested));
  console.log(line('shared', TARGETS.shared, t.shared));
  return t;
}

async function main() {
  const opts = parseFlags(process.argv.slice(2), FLAGS, { data: defaultDataFile(), list: Infinity });
  if (opts.help) return console.log(USAGE);
  const rows = loadSuites(path.resolve(opts.data));
  if (!rows) {
    console.log(`agreement: suites file not found at ${opts.data}: skipped. Pass --data <file> or set WARDEN_EMAIL_DATA.`);
    return;
  }
  requireComparisonPackages();
  const sets = rowSets(rows);
  console.log(`== email agreement: ${rows.length} rows (${opts.data}); ${sets.uncontested.length} uncontested, ` +
    `${sets.shared.length} shared by ≥ 2 suites`);

  const runs = [];
  for (const mode of MODES) {
    const w = await runWarden(opts, rows, mode.optionsOf);
    printWardenRuns(w, rows, mode);
    runs.push(w);
  }
  const arcjet = await loadArcjet();
  const validator = await loadValidator();
  const aj = `arcjet ${packageVersion('@arcjet/analyze-wasm')}`;
  const va = `validator ${packageVersion('validator')}`;
  const columns = [
    ...MODES.map((mode, k) => ({ name: mode.name, verdicts: runs[k].evalOut.map(verdictOf), mode })),
    { name: 'arcjet defaults', verdicts: rows.map((r) => arcjet.verdict(r.address)) },
    { name: 'validator defaults', verdicts: rows.map((r) => validator.verdict(r.address)) },
    // For reference: Arcjet's module given the row's options too, as warden is.
    { name: 'arcjet row options', verdicts: rows.map((r) => arcjet.verdict(r.address, r.options)), reference: true },
  ];
  MODES.forEach((mode, k) => {
    if (runs[k].verdictDiffs.length) {
      columns.splice(MODES.length, 0, { name: `${mode.name} (node)`, verdicts: runs[k].nodeOut.map(verdictOf) });
    }
  });
  const entries = columns.map((c) => ({ ...c, m: computeAgreement(rows, sets, c.verdicts) }));

  console.log(`classifiers: warden through wasm2c (with the row's options; with the suite's options translated), ${aj} (defaults; and, for reference, ` +
    `with the row's options), ${va} (defaults)`);
  console.log('');
  console.log(formatSummary(rows, sets, entries));
  console.log(`  issue's reference figures (all rows, defaults): Arcjet ${REFERENCE.arcjet} %, validator ${REFERENCE.validator} %`);
  console.log('');
  const targets = MODES.map((mode, k) => printTargets(entries[k].m, mode));
  const literals = literalRecheck(runs[0].warden, rows);
  for (const e of entries.filter((x) => !x.reference)) {
    console.log('');
    console.log(formatDisagreements(e.name, rows, e.m, e.verdicts, opts.list, e.mode?.optionsOf));
  }
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({
      data: opts.data, rows: rows.length,
      sets: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.length])),
      mirrorVsEval: { lines: rows.length, diffs: runs[0].mirrorDiffs.length + runs[1].mirrorDiffs.length },
      nodeVsEval: {
        lines: rows.length, carried: runs[0].carried, diffs: Math.max(runs[0].diffs.length, runs[1].diffs.length),
        surrogateRowsSameVerdict: runs[0].explained.length, verdictDiffs: runs[0].verdictDiffs.length + runs[1].verdictDiffs.length,
      },
      modes: MODES.map((mode, k) => ({
        name: mode.name, mirrorDiffs: runs[k].mirrorDiffs.length, nodeDiffs: runs[k].diffs.length,
        nodeVerdictDiffs: runs[k].verdictDiffs.length, targetsMet: targets[k],
      })),
      evalErrors: runs[0].evalOut.filter((l) => l.startsWith('{"error"')).length,
      versions: { arcjet: aj, validator: va },
      classifiers: entries.map((e) => ({ name: e.name, reference: !!e.reference, bySet: e.m.bySet })),
      targets: { ...TARGETS, met: targets[0], metSuiteOptions: targets[1] }, reference: REFERENCE, literalRecheck: literals,
    }, null, 1)}\n`);
  }
}

runMain('agreement', USAGE, main);
