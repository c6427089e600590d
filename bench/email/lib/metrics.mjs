// Agreement figures for the email benchmark (bench/email/agreement.mjs;
// docs/email-benchmarks.md): the three row sets, agreement per set, the disagreements grouped
// by the rows' `classes`, and the issue's targets.
import { pct } from './common.mjs';

// Issue 4's targets for warden (per cent), and the reference figures it quotes.
export const TARGETS = Object.freeze({ uncontested: 99.5, shared: 100 });
export const REFERENCE = Object.freeze({ arcjet: 93.9, validator: 92.6 });

// The suite a verdict comes from: the project before the first ':' (isemail, pyev, hapi), so
// isemail's two files or hapi's two test groups are one suite.
const suiteOf = (source) => source.split(':')[0];

// Suites that give the row's own verdict (the row's source and every other_verdicts entry
// with the same verdict), counted by project.
export function suitesSharing(row) {
  const verdicts = [{ source: row.source, expected: row.expected }, ...(row.other_verdicts ?? [])];
  return new Set(verdicts.filter((v) => v.expected === row.expected).map((v) => suiteOf(v.source)));
}

// The row sets: (a) all rows; (b) rows whose verdict no suite contests (`disagreement` is
// null); (c) rows whose verdict at least two suites give; and, for comparing classifiers run at
// their defaults, (d) rows whose verdict holds at the default options (`options` is {}).
export function rowSets(rows) {
  return {
    all: rows.map((_, i) => i),
    uncontested: rows.flatMap((r, i) => (r.disagreement ? [] : [i])),
    shared: rows.flatMap((r, i) => (suitesSharing(r).size >= 2 ? [i] : [])),
    atDefaults: rows.flatMap((r, i) => (Object.keys(r.options ?? {}).length ? [] : [i])),
  };
}

export const SET_LABELS = Object.freeze({
  all: '(a) all rows',
  uncontested: '(b) suites do not disagree',
  shared: '(c) ≥ 2 suites share',
  atDefaults: '(d) verdict at defaults',
});

// verdicts: array of 'valid' | 'invalid', parallel to rows. Returns per-set counts and the
// disagreeing row indices grouped by classes.
export function computeAgreement(rows, sets, verdicts) {
  const bySet = {};
  for (const [name, idx] of Object.entries(sets)) {
    const agree = idx.filter((i) => verdicts[i] === rows[i].expected).length;
    bySet[name] = { agree, total: idx.length, percent: idx.length ? (100 * agree) / idx.length : null };
  }
  const groups = new Map();
  rows.forEach((r, i) => {
    if (verdicts[i] === r.expected) return;
    const key = r.classes?.length ? [...r.classes].sort().join(', ') : '(no class)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  const disagreements = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return { bySet, disagreements };
}

export function wardenTargets(m) {
  return {
    uncontested: m.bySet.uncontested.percent >= TARGETS.uncontested,
    shared: m.bySet.shared.percent >= TARGETS.shared,
  };
}

export function formatSummary(rows, sets, entries) {
  const w = 34;
  const col = (s) => String(s).padStart(21);
  const lines = ['set'.padEnd(w) + entries.map((e) => col(e.name)).join('')];
  for (const name of Object.keys(sets)) {
    lines.push(`${SET_LABELS[name]} [${sets[name].length}]`.padEnd(w) +
      entries.map((e) => col(`${pct(e.m.bySet[name].agree, e.m.bySet[name].total)} (${e.m.bySet[name].agree})`)).join(''));
  }
  return lines.join('\n');
}

const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// One classifier's disagreements, grouped by classes; `limit` rows shown per group. Each row is
// tagged with the options it was judged with: optionsOf(row), by default the row's `options`.
export function formatDisagreements(name, rows, m, verdicts, limit, optionsOf = (r) => r.options ?? {}) {
  const n = m.disagreements.reduce((s, [, idx]) => s + idx.length, 0);
  const lines = [`-- ${name}: ${n} disagreements with the suites' verdicts, by classes`];
  for (const [key, idx] of m.disagreements) {
    lines.push(`  [${key}] ${idx.length}`);
    for (const i of idx.slice(0, limit)) {
      const r = rows[i];
      const tags = [r.disagreement ? 'contested' : null, suitesSharing(r).size >= 2 ? 'shared' : null,
        Object.keys(optionsOf(r)).length ? `options ${JSON.stringify(optionsOf(r))}` : null].filter(Boolean);
      lines.push(`    ${r.id}: ${clip(JSON.stringify(r.address), 90)} suite ${r.expected}, got ${verdicts[i]}` +
        (tags.length ? ` (${tags.join('; ')})` : ''));
    }
    if (idx.length > limit) lines.push(`    … ${idx.length - limit} more`);
  }
  return lines.join('\n');
}
