// Regex AST (regex.mjs) → search DFA over byte classes, for the patterns that are not a finite
// set of literals. The DFA answers "does the pattern match anywhere in the input" (JS
// RegExp.prototype.test): it restarts the pattern at every position, stops at the first
// accepting position (kAccept) and gives up when no thread can progress (kDead, only for
// patterns anchored with "^").

import { BotcError } from './regex.mjs';

export const kAccept = 0xff;
export const kDead = 0xfe;
const kMaxStates = 0xf0;

// Thompson NFA: nodes {type:'set'|'eps'|'bol'|'eol'|'match', set, out:[...]}.
function buildNfa(ast) {
  const nodes = [];
  const add = (n) => {
    nodes.push(n);
    return nodes.length - 1;
  };
  // Compiles `node` so that it continues to `next`; returns its entry.
  const compile = (node, next) => {
    switch (node.t) {
      case 'set': return add({ type: 'set', set: node.set, out: [next] });
      case 'bol': return add({ type: 'bol', out: [next] });
      case 'eol': return add({ type: 'eol', out: [next] });
      case 'cat': {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = compile(node.items[i], entry);
        return entry;
      }
      case 'alt': return add({ type: 'eps', out: node.alts.map((a) => compile(a, next)) });
      case 'rep': {
        if (node.max === 1) return add({ type: 'eps', out: [compile(node.node, next), next] });
        const loop = add({ type: 'eps', out: [] });
        const body = compile(node.node, loop);
        nodes[loop].out = [body, next];
        return node.min === 0 ? loop : body;
      }
      default: throw new Error(`bad node ${node.t}`);
    }
  };
  const match = add({ type: 'match', out: [] });
  const start = compile(ast, match);
  return { nodes, start, match };
}

function closure(nfa, seeds, atStart, atEnd) {
  const seen = new Set();
  const stack = [...seeds];
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    const n = nfa.nodes[id];
    if (n.type === 'eps' || (n.type === 'bol' && atStart) || (n.type === 'eol' && atEnd)) {
      stack.push(...n.out);
    }
  }
  return seen;
}

// Partition of the 256 bytes by membership in the NFA's sets: {map: Uint8Array(256), count}.
function byteClasses(nfa) {
  const sets = nfa.nodes.filter((n) => n.type === 'set').map((n) => n.set);
  const sig = new Map();
  const map = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    const key = sets.map((s) => s[b]).join('');
    if (!sig.has(key)) sig.set(key, sig.size);
    map[b] = sig.get(key);
  }
  return { map, count: sig.size, representative: representatives(map, sig.size) };
}

function representatives(map, count) {
  const rep = new Array(count).fill(-1);
  for (let b = 0; b < 256; b++) if (rep[map[b]] < 0) rep[map[b]] = b;
  return rep;
}

// Builds the search DFA of `ast` (the source pattern `pattern` for error messages). Returns
// {classMap: Uint8Array(256), classes, states, table: number[states*classes], atEnd: bool[]}.
// State 0 is the start (position 0); entries are a state, kAccept or kDead.
export function buildDfa(ast, pattern) {
  const nfa = buildNfa(ast);
  const cls = byteClasses(nfa);
  const states = [];
  const index = new Map();
  const hasMatch = (set) => set.has(nfa.match);
  const consuming = (set) => [...set].some((id) => nfa.nodes[id].type === 'set');
  const intern = (set, initial) => {
    if (hasMatch(set)) return kAccept;
    if (!consuming(set) && !hasMatch(closure(nfa, set, initial, true))) return kDead;
    const key = `${initial ? 'i' : ''}${[...set].sort((a, b) => a - b).join(',')}`;
    if (index.has(key)) return index.get(key);
    if (states.length >= kMaxStates) {
      throw new BotcError(`pattern ${JSON.stringify(pattern)} needs more than ${kMaxStates} DFA states`);
    }
    states.push({ set, initial });
    index.set(key, states.length - 1);
    return states.length - 1;
  };
  const first = intern(closure(nfa, [nfa.start], true, false), true);
  if (first !== 0) throw new BotcError(`pattern ${JSON.stringify(pattern)} matches the empty string`);
  const restart = closure(nfa, [nfa.start], false, false);
  const table = [];
  const atEnd = [];
  for (let s = 0; s < states.length; s++) {
    const { set, initial } = states[s];
    atEnd.push(hasMatch(closure(nfa, set, initial, true)));
    for (let c = 0; c < cls.count; c++) {
      const b = cls.representative[c];
      const next = [];
      for (const id of set) {
        const n = nfa.nodes[id];
        if (n.type === 'set' && n.set[b]) next.push(...n.out);
      }
      const stepped = closure(nfa, next, false, false);
      for (const id of restart) stepped.add(id);
      table.push(intern(closure(nfa, stepped, false, false), false));
    }
  }
  return { classMap: cls.map, classes: cls.count, states: states.length, table, atEnd };
}

// Runs a DFA from buildDfa over `bytes` (for the compiler's self-check).
export function runDfa(dfa, bytes) {
  let s = 0;
  for (const b of bytes) {
    s = dfa.table[s * dfa.classes + dfa.classMap[b]];
    if (s === kAccept) return true;
    if (s === kDead) return false;
  }
  return dfa.atEnd[s];
}
