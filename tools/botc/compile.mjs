// Rules (load.mjs) → matcher tables (the shapes of core/bot/tables.h).
//
// Each pattern is parsed (regex.mjs). A pattern whose language is a small finite set of strings
// becomes literal keywords (checked where the automaton finds them: exact case unless "(?i)",
// "^"/"$" anchors); any other pattern gets a search DFA (dfa.mjs) and its required literal
// factors as keywords, which make it a candidate that the DFA confirms once per UA.

import { buildAutomaton } from './aho.mjs';
import { buildDfa } from './dfa.mjs';
import { derivedId, kVerifiable } from './load.mjs';
import { BotcError, expand, foldByte, parse, requiredFactors, uniqueVariants } from './regex.mjs';

export const kFlagBol = 1;
export const kFlagEol = 2;
export const kFlagExact = 4;
export const kFlagRegex = 8;
const kMinFactor = 1;
const kRareFactor = 3;  // shorter required factors of "^" patterns: see compilePattern

// True when every match of `ast` starts at the beginning of the input.
function anchoredAtStart(ast) {
  if (ast.t === 'bol') return true;
  if (ast.t === 'cat') return ast.items.length > 0 && anchoredAtStart(ast.items[0]);
  if (ast.t === 'alt') return ast.alts.every(anchoredAtStart);
  return false;
}
const kKindCode = { named: 0, generic: 1, veto: 2 };

function patternText(variant) { return Buffer.from(variant.bytes).toString('latin1'); }

// Compiles one pattern: {keywords: [{bytes, flags, text}], dfa|null, label}.
export function compilePattern(source) {
  const { ast, ci } = parse(source);
  const variants = expand(ast, ci);
  if (variants) {
    const uniq = uniqueVariants(variants);
    if (uniq.some((v) => v.bytes.length === 0)) {
      throw new BotcError(`pattern ${JSON.stringify(source)} matches the empty string`);
    }
    const keywords = uniq.map((v) => ({
      bytes: v.bytes.map(foldByte),
      text: ci ? '' : patternText(v),
      flags: (v.bol ? kFlagBol : 0) | (v.eol ? kFlagEol : 0) | (ci ? 0 : kFlagExact),
    }));
    return { keywords, dfa: null, label: patternText(uniq[0]) };
  }
  const factors = requiredFactors(ast, ci);
  if (!factors || Math.min(...factors.map((f) => f.length)) < kMinFactor) {
    throw new BotcError(`pattern ${JSON.stringify(source)} has no required literal of at least ` +
                        `${kMinFactor} bytes (every match must contain a fixed string)`);
  }
  const dfa = buildDfa(ast, source);
  const longest = factors.reduce((a, b) => (b.length > a.length ? b : a));
  const label = Buffer.from(longest).toString('latin1');
  // A factor as short as "/" occurs in nearly every UA; an anchored pattern's DFA dies where
  // the anchored match fails, so running it on every UA is cheaper than keyword hits.
  if (anchoredAtStart(ast) && Math.min(...factors.map((f) => f.length)) < kRareFactor) {
    return { keywords: [], dfa, label, always: true };
  }
  const keywords = factors.map((f) => ({ bytes: f, text: '', flags: kFlagRegex }));
  return { keywords, dfa, label, always: false };
}

function categoriesOf(id, rule, protocol) {
  if (protocol.byId.has(id)) return [...protocol.byId.get(id)];
  if (id.startsWith('CUA:')) return ['CATEGORY:UNKNOWN'];
  if (rule.kind === 'generic') {
    if (!protocol.names.includes(rule.category)) {
      throw new BotcError(`generic ${id}: unknown category ${JSON.stringify(rule.category)}`);
    }
    return [rule.category];
  }
  throw new BotcError(`${rule.origin}: ID ${JSON.stringify(id)} is not published in ` +
                      `@arcjet/protocol (well-known-bots) and is not a generic ID`);
}

// Returns the table model consumed by emit.mjs.
export function compileRules(rules, protocol) {
  const idCats = new Map();  // name -> Set(category)
  const compiled = rules.map((rule) => {
    let c;
    try {
      c = compilePattern(rule.pattern);
    } catch (e) {
      if (e instanceof BotcError) throw new BotcError(`${rule.origin}: ${e.message}`);
      throw e;
    }
    const ids = rule.ids.map((id) => id ?? derivedId(c.label));
    for (const id of ids) {
      if (!idCats.has(id)) idCats.set(id, new Set());
      for (const cat of categoriesOf(id, rule, protocol)) idCats.get(id).add(cat);
    }
    return { rule, ...c, ids };
  });
  for (const [id, cats] of idCats) {
    if (cats.size > 1 && !protocol.byId.has(id)) {
      throw new BotcError(`generic ID ${id} is given several categories (${[...cats].join(', ')}): ` +
                          `categories belong to an ID, so give each generic group its own ID`);
    }
  }
  const idNames = [...idCats.keys()].sort();
  const idIndex = new Map(idNames.map((n, i) => [n, i]));
  const ids = idNames.map((name) => ({
    name,
    categories: [...idCats.get(name)].map((cat) => categoryBit(cat, protocol)).reduce((a, b) => a | b, 0),
    verifiable: kVerifiable.has(name),
  }));

  const keywords = [];
  const patterns = [];
  const idRefs = [];
  const regexes = [];
  const alwaysCandidates = [];
  let text = '';
  const textIndex = new Map();
  compiled.forEach((c, p) => {
    let regex = 0xffff;
    if (c.dfa) {
      regex = regexes.length;
      regexes.push(c.dfa);
      if (c.always) alwaysCandidates.push(p);
    }
    patterns.push({ firstId: idRefs.length, idCount: c.ids.length, kind: kKindCode[c.rule.kind], regex });
    for (const id of c.ids) idRefs.push(idIndex.get(id));
    for (const k of c.keywords) {
      let offset = 0;
      if (k.text) {
        if (!textIndex.has(k.text)) {
          textIndex.set(k.text, text.length);
          text += k.text;
        }
        offset = textIndex.get(k.text);
      }
      keywords.push({ bytes: k.bytes, pattern: p, length: k.bytes.length, flags: k.flags, text: offset });
    }
  });
  const automaton = buildAutomaton(keywords.map((k) => k.bytes));
  return { automaton, keywords, patterns, idRefs, ids, regexes, text, compiled, alwaysCandidates };
}

// Bit of a category in core/bot/catalog.h: position in the sorted list of published names.
export function categoryBit(name, protocol) {
  const i = protocol.names.indexOf(name);
  if (i < 0) throw new BotcError(`unknown category ${name}`);
  return 2 ** i;
}
