// Reads the three inputs of the bot compiler — crawler-user-agents.json, @arcjet/protocol's
// well-known-bots, the overlay — and returns the rule list: patterns with their kind and IDs,
// and the ID catalog with categories (docs/bot-detection.md, "Data flow" and "Overlay format").

import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BotcError } from './regex.mjs';

// IDs whose operators publish a verification method (IP ranges or reverse DNS); the host is
// asked to verify these (core/bot/detect.h). Read from core/bot/data/verifiable.txt, which the
// host's operator table (host/bot/operators.cc) is built from too: one list for both sides.
export const kVerifiableFile = fileURLToPath(
    new URL('../../core/bot/data/verifiable.txt', import.meta.url));
export const kVerifiable = readVerifiable(kVerifiableFile);

// The IDs of a verifiable-list file: the first field of every line that is not blank or a
// '#' comment (the second field, the host's policy, is not the compiler's business).
export function readVerifiable(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BotcError(`${file}: ${e.message}`);
  }
  const ids = new Set();
  text.split('\n').forEach((line, i) => {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    if (fields.length !== 2 || !/^[A-Z0-9_]+$/.test(fields[0])) {
      throw new BotcError(`${file}:${i + 1}: expected "BOT_ID policy"`);
    }
    if (ids.has(fields[0])) throw new BotcError(`${file}:${i + 1}: duplicate ${fields[0]}`);
    ids.add(fields[0]);
  });
  return ids;
}

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
  // A verifiable ID the package does not publish is a typo or a renamed ID: the module would
  // never detect it, so the host would never be asked about it.
  for (const id of kVerifiable) {
    if (!byId.has(id)) {
      throw new BotcError(`${kVerifiableFile}: ${id} is not a bot ID published in ${file}`);
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
