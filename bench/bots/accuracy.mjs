#!/usr/bin/env node
// Bot-detection accuracy on the labelled corpus (docs/bot-benchmarks.md): warden, Arcjet's
// module (@arcjet/analyze-wasm) and isbot classify every User-Agent of bots.jsonl and
// humans.jsonl; prints recall (all and per source), false positives on real browser UAs, ID
// correctness on the named-bot instances, the confusion details, and whether the issue's
// targets are met.
//
// warden is run two ways that must agree byte for byte on every line: `warden eval detect-bot
// --engine wasm2c` (one process, the whole corpus as a batch) and the Node package
// (createAnalyzer → detectBot, each result printed as the eval protocol prints it); the Node
// package's own eval mirror (bin/warden-eval.mjs) and `--engine native` are compared too. The config is
// `{"allow":[]}`: every detected bot is denied, so a UA counts as a bot when `denied` is
// non-empty.
//
// Benchmarks report, tests assert: exit 0 whether or not a target is met (and 0 with a message
// when the corpus is absent); 1 when a classifier cannot be run; 2 on a usage error.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

import { VERDICT_FLAGS, evalResultLine, runBatch, runMain } from '../lib/common.mjs';
import {
  ROOT, defaultDataDir, findComponentDir, findWarden, idsOf, loadArcjet, loadCorpus,
  loadIsbot, loadWardenNode, packageVersion, parseFlags, requireComparisonPackages,
} from './lib/common.mjs';
import { computeMetrics, formatDetails, formatSummary } from './lib/metrics.mjs';

const USAGE = `usage: node bench/bots/accuracy.mjs [options]
  --data <dir>           corpus folder with bots.jsonl, humans.jsonl
                         (default $WARDEN_BOT_DATA, else ../shared/data/bots beside the repo)
  --warden <path>        the warden CLI (default: build/default/tools/eval/warden, else the newest build/*)
  --component-dir <dir>  the transpiled Node component (default: $WARDEN_NODE_COMPONENT_DIR, else build/*)
  --top <n>              confusion groups shown per classifier (default 15)
  --list <n>             false-positive UAs listed per classifier (default 20)
  --json <path>          also write the figures as JSON
  -h, --help             this text`;

const FLAGS = { ...VERDICT_FLAGS, '--top': ['top', 'number'], '--list': ['list', 'number'] };

// The eval input line for one UA.
const evalLine = (ua) => JSON.stringify({ request: { headers: { 'User-Agent': ua } }, config: { allow: [] } });

// The eval protocol's output line for a Node-package result (docs/eval.md, no overrides).
const nodeResultLine = (node, ua) => evalResultLine(() => node.detect(ua), node.formatAnalysisError,
  (r) => ({
    allowed: r.allowed, denied: r.denied, categories: r.categories, verified: r.verified,
    spoofed: r.spoofed, missingUserAgent: r.missingUserAgent,
  }));

function compareLines(name, a, b) {
  const diffs = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) diffs.push(i);
  return { name, lines: n, identical: diffs.length === 0, diffs: diffs.length, first: diffs.slice(0, 5) };
}

function verdictFromEval(line) {
  const r = JSON.parse(line);
  if ('error' in r) return { bot: false, ids: [], error: r.error };
  return { bot: r.denied.length > 0, ids: idsOf(r) };
}

async function classifyWarden(opts, uas) {
  const warden = findWarden(opts.warden);
  const componentDir = findComponentDir(opts.componentDir);
  if (!warden) throw new Error('warden CLI not found: build warden_cli or pass --warden');
  const input = `${uas.map(evalLine).join('\n')}\n`;
  const t0 = process.hrtime.bigint();
  const evalOut = runBatch(warden, ['eval', 'detect-bot', '--engine', 'wasm2c'], input, process.env);
  const evalSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const nativeOut = runBatch(warden, ['eval', 'detect-bot', '--engine', 'native'], input, process.env);
  const node = await loadWardenNode(componentDir);
  const nodeOut = uas.map((ua) => nodeResultLine(node, ua));
  const mirrorOut = runBatch(process.execPath, [path.join(ROOT, 'bindings/node/bin/warden-eval.mjs'), 'detect-bot'],
    input, { ...process.env, WARDEN_NODE_COMPONENT_DIR: componentDir });
  const agreement = [
    compareLines('Node package (createAnalyzer) vs warden eval --engine wasm2c', nodeOut, evalOut),
    compareLines('Node eval mirror (bin/warden-eval.mjs) vs warden eval --engine wasm2c', mirrorOut, evalOut),
    compareLines('warden eval --engine native vs --engine wasm2c', nativeOut, evalOut),
  ];
  return { warden, componentDir, evalSeconds, evalOut, nodeOut, agreement };
}

function printAgreement(w, uas) {
  console.log(`warden eval: ${w.warden} (${w.evalOut.length} lines in ${w.evalSeconds.toFixed(2)} s)`);
  console.log(`Node component: ${w.componentDir}`);
  for (const a of w.agreement) {
    console.log(`  ${a.name}: ${a.identical ? `byte-identical on all ${a.lines} lines` : `${a.diffs} of ${a.lines} lines DIFFER`}`);
    for (const i of a.first) console.log(`    line ${i + 1}: ua ${JSON.stringify(uas[i]).slice(0, 100)}`);
  }
  const errors = w.evalOut.filter((l) => l.startsWith('{"error"')).length;
  if (errors) console.log(`  ${errors} eval lines are errors (counted as "not a bot")`);
}

async function main() {
  const opts = parseFlags(process.argv.slice(2), FLAGS, { data: defaultDataDir(), top: 15, list: 20 });
  if (opts.help) return console.log(USAGE);
  const corpus = loadCorpus(path.resolve(opts.data));
  if (!corpus) {
    console.log(`accuracy: corpus not found in ${opts.data} (bots.jsonl, humans.jsonl): skipped. Pass --data <dir>.`);
    return;
  }
  requireComparisonPackages();
  const rows = [...corpus.bots, ...corpus.humans];
  // A UA that is not well-formed UTF-16 (a lone surrogate escape) is made so, U+FFFD for each
  // lone surrogate: the eval protocol reads UTF-8 lines, so it cannot carry one.
  const uas = rows.map((r) => (r.ua.isWellFormed() ? r.ua : r.ua.toWellFormed()));
  const nb = corpus.bots.length;
  console.log(`== bot-detection accuracy: ${corpus.bots.length} bot UAs, ${corpus.humans.length} human UAs (${opts.data})`);
  const replaced = rows.filter((r) => !r.ua.isWellFormed()).length;
  if (replaced) console.log(`${replaced} UAs hold lone surrogates: classified with U+FFFD in their place`);

  const w = await classifyWarden(opts, uas);
  printAgreement(w, uas);
  const arcjet = await loadArcjet();
  const isbot = await loadIsbot();
  const split = (verdicts) => ({ bots: verdicts.slice(0, nb), humans: verdicts.slice(nb) });
  const wardenVerdicts = split(w.evalOut.map(verdictFromEval));
  const arcjetVerdicts = split(uas.map((ua) => {
    const r = arcjet.detect(ua);
    return { bot: r.denied.length > 0, ids: idsOf(r) };
  }));
  const isbotVerdicts = split(uas.map((ua) => ({ bot: isbot.detect(ua), ids: null })));

  const k = { top: opts.top, list: opts.list };
  const entries = [
    { name: 'warden (wasm2c)', m: computeMetrics(corpus, wardenVerdicts, { ...k, hasIds: true }) },
    { name: `arcjet ${packageVersion('@arcjet/analyze-wasm')}`, m: computeMetrics(corpus, arcjetVerdicts, { ...k, hasIds: true }) },
    { name: `isbot ${packageVersion('isbot')}`, m: computeMetrics(corpus, isbotVerdicts, { ...k, hasIds: false }) },
  ];
  if (!w.agreement[0].identical) {
    const nodeVerdicts = split(w.nodeOut.map(verdictFromEval));
    entries.splice(1, 0, { name: 'warden (node)', m: computeMetrics(corpus, nodeVerdicts, { ...k, hasIds: true }) });
  }
  console.log('');
  console.log(formatSummary(entries));
  for (const e of entries) {
    console.log('');
    console.log(formatDetails(e.name, e.m));
  }
  if (opts.json) {
    const figures = {
      corpus: { bots: corpus.bots.length, humans: corpus.humans.length, dir: opts.data },
      agreement: w.agreement,
      classifiers: entries.map((e) => ({ name: e.name, ...e.m })),
    };
    writeFileSync(opts.json, `${JSON.stringify(figures, null, 1)}\n`);
  }
}

runMain('accuracy', USAGE, main);
