// Reads the three inputs of the bot compiler — crawler-user-agents.json, @arcjet/protocol's
// well-known-bots, the overlay — and returns the rule list: patterns with their kind and IDs,
// and the ID catalog with categories (docs/bot-detection.md, "Data flow" and "Overlay format").

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

import { BotcError } from './regex.mjs';

// IDs whose operators publish a verification method (IP ranges or reverse DNS); the host is
// asked to verify these (core/bot/detect.h).
export const kVerifiable = new Set([
  'GOOGLE_CRAWLER', 'GOOGLE_CRAWLER_IMAGE', 'GOOGLE_CRAWLER_NEWS', 'GOOGLE_CRAWLER_VIDEO',
  'GOOGLE_CRAWLER_MOBILE', 'GOOGLE_CRAWLER_OTHER', 'GOOGLE_INSPECTION_TOOL', 'GOOGLE_ADSBOT',
  'GOOGLE_ADSBOT_MOBILE', 'GOOGLE_STOREBOT', 'GOOGLE_OTHER', 'GOOGLE_OTHER_IMAGE',
  'GOOGLE_OTHER_VIDEO', 'BING_CRAWLER', 'BING_PREVIEW', 'APPLE_CRAWLER',
  'OPENAI_CRAWLER', 'OPENAI_CRAWLER_SEARCH', 'OPENAI_CRAWLER_USER',
]);

// Reads the category → IDs map exported by @arcjet/protocol's dist/well-known-bots.js.
export async function loadCategories(file) {
  const mod = await import(pathToFileURL(file).href);
  const categories = mod.categories;
  if (!categories || typeof categories !== 'object') {
    throw new BotcError(`${file}: no 'categories' export`);
  }
  const byId = new Map();  // id -> Set of category names
  for (const [category, ids] of Object.entries(categories)) {
    for (const id of ids) {
      if (!byId.has(id)) byId.set(id, new Set());
      byId.get(id).add(category);
    }
  }
  return { names: Object.keys(categories).sort(), byId };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BotcError(`${file}: ${e.message}`);
  }
}

function checkOverlay(o, file) {
  const bad = (why) => { throw new BotcError(`${file}: ${why}`); };
  if (!o || typeof o !== 'object') bad('not a JSON object');
  if (o.version !== 1) bad(`unsupported version ${JSON.stringify(o.version)} (expected 1)`);
  const cua = o.cua ?? {};
  for (const [k, v] of Object.entries(cua)) {
    const ok = v === null || typeof v === 'string' ||
        (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
    if (!ok) bad(`cua[${JSON.stringify(k)}]: expected an ID, a list of IDs or null`);
  }
  const list = (name) => {
    const v = o[name] ?? [];
    if (!Array.isArray(v)) bad(`'${name}' must be a list`);
    return v;
  };
  for (const r of [...list('rules'), ...list('generic')]) {
    if (!r || typeof r.id !== 'string' || !Array.isArray(r.patterns) || r.patterns.length === 0 ||
        !r.patterns.every((p) => typeof p === 'string')) {
      bad(`rule ${JSON.stringify(r)}: needs "id" and a non-empty "patterns" list`);
    }
  }
  for (const g of list('generic')) {
    if (typeof g.category !== 'string') bad(`generic ${g.id}: needs "category"`);
  }
  if (!list('not_bots').every((p) => typeof p === 'string')) bad(`not_bots: strings expected`);
  return { cua, rules: list('rules'), generic: list('generic'), notBots: list('not_bots') };
}

// The ID derived for a crawler-user-agents pattern the overlay does not map: "CUA:" + its
// literal text upper-cased, every run of other characters as one '_'.
export function derivedId(text) {
  const core = text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `CUA:${core || 'PATTERN'}`;
}

// Returns {rules: [{pattern, kind, ids, origin}], cuaEntries, overlay}. `ids` may hold null for
// "derive from the pattern" (resolved by the compiler once the pattern is parsed).
export function loadRules(cuaFile, overlayFile) {
  const cuaList = readJson(cuaFile);
  if (!Array.isArray(cuaList)) throw new BotcError(`${cuaFile}: expected a JSON array`);
  const overlay = checkOverlay(readJson(overlayFile), overlayFile);
  const known = new Set(cuaList.map((e) => e.pattern));
  for (const k of Object.keys(overlay.cua)) {
    if (!known.has(k)) {
      process.stderr.write(`botc: warning: overlay cua key ${JSON.stringify(k)} is not a ` +
                           `crawler-user-agents pattern (ignored)\n`);
    }
  }
  const rules = [];
  cuaList.forEach((e, i) => {
    if (typeof e.pattern !== 'string') throw new BotcError(`${cuaFile}[${i}]: no pattern`);
    const mapped = Object.hasOwn(overlay.cua, e.pattern) ? overlay.cua[e.pattern] : undefined;
    if (mapped === null) return;
    const ids = mapped === undefined ? [null] : [mapped].flat();
    rules.push({ pattern: e.pattern, kind: 'named', ids, origin: `crawler-user-agents[${i}]` });
  });
  for (const r of overlay.rules) {
    for (const p of r.patterns) rules.push({ pattern: p, kind: 'named', ids: [r.id], origin: `rule ${r.id}` });
  }
  for (const g of overlay.generic) {
    for (const p of g.patterns) {
      rules.push({ pattern: p, kind: 'generic', ids: [g.id], origin: `generic ${g.id}`, category: g.category });
    }
  }
  for (const p of overlay.notBots) rules.push({ pattern: p, kind: 'veto', ids: [], origin: 'not_bots' });
  return { rules, overlay };
}
