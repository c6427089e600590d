// Accuracy figures for one classifier over the labelled corpus (docs/bot-benchmarks.md):
// recall (all bots and per source), false positives on real browser UAs, ID correctness on
// the named-bot instances, and the confusion details (missed bots grouped by expected ID or
// crawler-user-agents pattern, wrong-ID pairs). Pure functions over plain arrays.
import { pct } from './common.mjs';

export const TARGETS = Object.freeze({ recall: 99.5, fpMax: 0.02, id: 99.9 });

const truncate = (s, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const groupOfMissed = (row) =>
  row.expected_ids?.length ? row.expected_ids.join('+') : row.cua_pattern ? `cua:${row.cua_pattern}` : '(no pattern)';

function topCounts(map, n) {
  return [...map.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([key, v]) => ({ key, count: v.count, example: v.example }));
}

function bump(map, key, example) {
  const v = map.get(key);
  if (v) v.count++;
  else map.set(key, { count: 1, example });
}

// verdicts: { bots: [{bot, ids}], humans: [{bot, ids}] } in corpus order; ids null when the
// classifier reports none (isbot).
export function computeMetrics(corpus, verdicts, { hasIds, top = 15, list = 20 }) {
  const m = { sources: {}, hasIds };
  let detected = 0;
  const missed = new Map();
  corpus.bots.forEach((row, i) => {
    const v = verdicts.bots[i];
    const s = (m.sources[row.source] ??= { total: 0, detected: 0 });
    s.total++;
    if (v.bot) {
      s.detected++;
      detected++;
    } else {
      bump(missed, groupOfMissed(row), row.ua);
    }
  });
  m.bots = { total: corpus.bots.length, detected, recall: (100 * detected) / corpus.bots.length };
  m.missedGroups = topCounts(missed, top);
  m.missedGroupCount = missed.size;

  const fps = [];
  corpus.humans.forEach((row, i) => {
    const v = verdicts.humans[i];
    if (v.bot) fps.push({ ua: row.ua, ids: v.ids ?? [] });
  });
  m.humans = { total: corpus.humans.length, flagged: fps.length, fpRate: (100 * fps.length) / corpus.humans.length };
  m.falsePositives = fps.slice(0, list);

  if (hasIds) {
    let named = 0;
    let correct = 0;
    let missedNamed = 0;
    const wrong = new Map();
    corpus.bots.forEach((row, i) => {
      if (!row.expected_ids?.length) return;
      named++;
      const v = verdicts.bots[i];
      const got = v.ids ?? [];
      if (row.expected_ids.every((id) => got.includes(id))) {
        correct++;
      } else if (!v.bot) {
        missedNamed++;
      } else {
        bump(wrong, `${row.expected_ids.join('+')} → ${got.length ? got.join('+') : '(no ID)'}`, row.ua);
      }
    });
    m.ids = { named, correct, rate: named ? (100 * correct) / named : 0, missedNamed, wrongId: named - correct - missedNamed };
    m.wrongPairs = topCounts(wrong, top);
  }
  m.targets = {
    recall: m.bots.recall >= TARGETS.recall,
    fp: m.humans.fpRate <= TARGETS.fpMax,
    id: hasIds ? m.ids.rate >= TARGETS.id : null,
  };
  return m;
}

const metMissed = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');

// Side-by-side summary of several classifiers: [{ name, m }].
export function formatSummary(entries) {
  const w = 24;
  const col = (s) => String(s).padStart(22);
  const lines = [];
  const row = (label, f) => lines.push(label.padEnd(w) + entries.map((e) => col(f(e.m))).join(''));
  lines.push(''.padEnd(w) + entries.map((e) => col(e.name)).join(''));
  row('bot recall (all)', (m) => `${m.bots.detected}/${m.bots.total} ${pct(m.bots.detected, m.bots.total)}`);
  for (const src of Object.keys(entries[0].m.sources)) {
    row(`  ${src}`, (m) => `${m.sources[src].detected}/${m.sources[src].total} ${pct(m.sources[src].detected, m.sources[src].total)}`);
  }
  row('false positives (humans)', (m) => `${m.humans.flagged}/${m.humans.total} ${pct(m.humans.flagged, m.humans.total, 3)}`);
  row('correct ID (named bots)', (m) => (m.hasIds ? `${m.ids.correct}/${m.ids.named} ${pct(m.ids.correct, m.ids.named)}` : 'n/a (no IDs)'));
  row(`target recall >= ${TARGETS.recall} %`, (m) => metMissed(m.targets.recall));
  row(`target FP <= ${TARGETS.fpMax} %`, (m) => metMissed(m.targets.fp));
  row(`target ID >= ${TARGETS.id} %`, (m) => metMissed(m.targets.id));
  return lines.join('\n');
}

// The confusion details of one classifier.
export function formatDetails(name, m) {
  const out = [`── ${name}: details`];
  out.push(`false positives on humans: ${m.humans.flagged} (${pct(m.humans.flagged, m.humans.total, 3)})` +
    (m.humans.flagged ? `, first ${m.falsePositives.length}:` : ''));
  for (const fp of m.falsePositives) {
    out.push(`  ${m.hasIds ? `[${fp.ids.join(',') || 'no ID'}] ` : ''}${truncate(fp.ua, 160)}`);
  }
  out.push(`missed bots: ${m.bots.total - m.bots.detected} in ${m.missedGroupCount} groups; top ${m.missedGroups.length} (expected ID, else crawler-user-agents pattern):`);
  for (const g of m.missedGroups) out.push(`  ${String(g.count).padStart(4)}  ${g.key}   e.g. ${truncate(g.example, 90)}`);
  if (m.hasIds) {
    out.push(`ID failures on named bots: ${m.ids.named - m.ids.correct} (${m.ids.missedNamed} not detected, ${m.ids.wrongId} detected with a wrong/missing ID)`);
    if (m.wrongPairs.length) out.push(`top wrong-ID pairs (expected → got):`);
    for (const g of m.wrongPairs) out.push(`  ${String(g.count).padStart(4)}  ${g.key}   e.g. ${truncate(g.example, 80)}`);
  }
  return out.join('\n');
}
