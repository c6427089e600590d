// Shared by the bot benchmarks (bench/bots/{accuracy,speed,run}.mjs; docs/bot-benchmarks.md):
// where things are (corpus, warden build outputs), argument parsing, the corpus loader, and
// the three classifiers' adapters — warden's Node package, Arcjet's module, isbot — each
// reduced to one function ua -> { bot, ids } with the same config meaning: every detected bot
// is denied (`allow: []`). What the email benchmarks use too lives in bench/lib/common.mjs and
// is re-exported here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import {
  ROOT, UsageError, createWardenAnalyzer, findBuildOutput, formatPct, initializeArcjet, packageVersion as versionIn,
  readJsonLines, requirePackages,
} from '../../lib/common.mjs';

export { ROOT, UsageError, findBuildOutput, findComponentDir, findWarden, parseFlags } from '../../lib/common.mjs';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The evaluation corpus: --data, $WARDEN_BOT_DATA, then ../shared/data/bots beside the repo.
export function defaultDataDir() {
  return process.env.WARDEN_BOT_DATA || path.resolve(ROOT, '..', 'shared', 'data', 'bots');
}

export const findBotSpeed = (explicit) => findBuildOutput(explicit, 'bench/bots/bot_speed', 'WARDEN_BOT_SPEED');

// Reads <dir>/bots.jsonl and <dir>/humans.jsonl. Returns null when either is absent.
export function loadCorpus(dir) {
  const files = { bots: path.join(dir, 'bots.jsonl'), humans: path.join(dir, 'humans.jsonl') };
  if (!existsSync(files.bots) || !existsSync(files.humans)) return null;
  return { bots: readJsonLines(files.bots), humans: readJsonLines(files.humans), files };
}

// IDs out of a result's allowed/denied lists (categories dropped, order kept, no repeats).
export function idsOf(result) {
  const ids = [];
  for (const x of [...result.denied, ...result.allowed]) {
    if (!x.startsWith('CATEGORY:') && !ids.includes(x)) ids.push(x);
  }
  return ids;
}

// warden through the Node package (bindings/node createAnalyzer). Returns `detect(ua)` and the
// error formatter the eval protocol uses.
export async function loadWardenNode(componentDir) {
  const { analyzer, formatAnalysisError } = await createWardenAnalyzer(componentDir);
  const config = { allow: [] };
  const detect = (ua) => analyzer.detectBot({ headers: [['User-Agent', ua]] }, config);
  return { detect, formatAnalysisError };
}

// Arcjet's module (@arcjet/analyze-wasm 1.13.0). It takes the request as a JSON string (the
// shape its SDK sends: lower-case header names) and a tagged config; `allowed-bot-config`
// with no entities denies every detected bot. skipCustomDetect: no JS-side detector is
// consulted. The imports are stand-ins that answer "unknown" / "unverifiable" / nothing.
export async function loadArcjet() {
  const module = await initializeArcjet(() => import('@arcjet/analyze-wasm'));
  const config = { tag: 'allowed-bot-config', val: { entities: [], skipCustomDetect: true } };
  const detect = (ua) => module.detectBot(JSON.stringify({ headers: { 'user-agent': ua } }), config);
  return { detect };
}

// isbot (current release, pinned in package-lock.json): a boolean, no IDs.
export async function loadIsbot() {
  const { isbot } = await import('isbot');
  return { detect: (ua) => isbot(ua) };
}

export const packageVersion = (name) => versionIn(HERE, name);

// Checks that bench/bots/node_modules has the comparison packages; throws with the fix.
export const requireComparisonPackages = () => requirePackages(HERE, ['@arcjet/analyze-wasm', 'isbot']);

export const pct = (n, d, digits = 2) => formatPct(n, d, digits);
