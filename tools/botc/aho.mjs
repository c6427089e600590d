// Aho-Corasick automaton over ASCII-folded keywords, laid out as a double array.
//
// Bytes map to classes (classMap; class 0 = a byte in no keyword, which sends the scan back to
// the root). State s has a child on class c iff check[base[s] + c] == s; state ids are slots of
// the double array, the root is 0. fail[s] is the failure link; out[s] is 0 or the offset in
// `outputs` of a list [count, keyword...] of every keyword ending at s (its own and through
// failure links).

import { kBrowserText } from './browser_text.mjs';
import { foldByte } from './regex.mjs';

export const kEmpty = -1;

// keywords: array of byte arrays (already folded). Returns the tables described above.
export function buildAutomaton(keywords) {
  const classMap = new Uint8Array(256);
  let classes = 1;
  const used = new Set();
  for (const k of keywords) for (const b of k) used.add(b);
  for (const b of [...used].sort((x, y) => x - y)) classMap[b] = classes++;
  for (let b = 65; b <= 90; b++) classMap[b] = classMap[foldByte(b)];

  // Trie with map children, keyed by class.
  const trie = [{ children: new Map(), own: [], depth: 0 }];
  keywords.forEach((k, id) => {
    let s = 0;
    for (const b of k) {
      const c = classMap[b];
      let t = trie[s].children.get(c);
      if (t === undefined) {
        t = trie.length;
        trie.push({ children: new Map(), own: [], depth: trie[s].depth + 1 });
        trie[s].children.set(c, t);
      }
      s = t;
    }
    trie[s].own.push(id);
  });

  trie.classMap = classMap;
  const order = bfsOrder(trie);
  const fail = failureLinks(trie, order);
  const slot = layout(trie, order, classes);
  return emitArrays(trie, order, fail, slot, classMap, classes);
}

function bfsOrder(trie) {
  const order = [0];
  for (let i = 0; i < order.length; i++) {
    const kids = [...trie[order[i]].children.entries()].sort((a, b) => a[0] - b[0]);
    for (const [, t] of kids) order.push(t);
  }
  return order;
}

function failureLinks(trie, order) {
  const fail = new Array(trie.length).fill(0);
  for (const s of order) {
    for (const [c, t] of trie[s].children) {
      if (s === 0) {
        fail[t] = 0;
        continue;
      }
      let f = fail[s];
      while (f !== 0 && !trie[f].children.has(c)) f = fail[f];
      const g = trie[f].children.get(c);
      fail[t] = g !== undefined && g !== t ? g : 0;
    }
  }
  return fail;
}

// Double-array placement: returns slot[trieState]; base chosen per state so that every child's
// slot (base + class) is free.
function layout(trie, order, classes) {
  const slot = new Array(trie.length).fill(-1);
  const taken = [true];  // slot 0 is the root
  slot[0] = 0;
  const base = new Array(trie.length).fill(0);
  let firstFree = 1;
  for (const s of order) {
    const cs = [...trie[s].children.keys()].sort((a, b) => a - b);
    if (cs.length === 0) continue;
    while (taken[firstFree]) firstFree++;
    let b = Math.max(1, firstFree - cs[0]);
    for (;; b++) {
      if (cs.every((c) => !taken[b + c])) break;
    }
    base[s] = b;
    for (const c of cs) {
      taken[b + c] = true;
      slot[trie[s].children.get(c)] = b + c;
    }
  }
  trie.base = base;
  return slot;
}

function emitArrays(trie, order, fail, slot, classMap, classes) {
  let size = 0;
  for (const s of order) size = Math.max(size, slot[s] + 1);
  size += classes;  // padding: base[s] + class is always a valid index
  const B = new Array(size).fill(0);
  const check = new Array(size).fill(kEmpty);
  const F = new Array(size).fill(0);
  const out = new Array(size).fill(0);
  const outputs = [0];  // offset 0: the empty list
  const listIndex = new Map();
  const full = new Array(trie.length);
  for (const s of order) {
    const mine = [...trie[s].own, ...(s === 0 ? [] : full[fail[s]])];
    full[s] = mine;
    const t = slot[s];
    B[t] = trie.base[s];
    F[t] = slot[fail[s]];
    if (s !== 0) {
      for (const [p, kids] of parentsOf(trie, s)) if (kids) check[t] = slot[p];
    }
    if (mine.length) {
      const key = mine.join(',');
      if (!listIndex.has(key)) {
        listIndex.set(key, outputs.length);
        outputs.push(mine.length, ...mine);
      }
      out[t] = listIndex.get(key);
    }
  }
  const d = denseRows(trie, order, fail, slot, classes, F, out);
  return { classMap, classes, base: B, check, fail: F, out, outputs, size, states: trie.length, ...d };
}

// States up to kDenseDepth, and those a scan of typical browser text (browser_text.mjs)
// visits, get a full transition row (failure links resolved): a scan of ordinary text spends
// most of its time there, and a step from such a state is one lookup. Rows
// of states where no keyword ends come first, so "a keyword ends here" is a comparison. Rows
// are 2^shift >= classes entries wide; a dense entry is the target's row << shift if it is
// shallow, else (rows << shift) + its slot. A deep
// state whose failure link leads to a shallow one has fail = kDenseFlag | row.
export const kDenseDepth = 2;
export const kDenseFlag = 0x8000;

function denseRows(trie, order, fail, slot, classes, F, out) {
  const visited = visitedStates(trie, fail, kBrowserText);
  const shallow = order.filter((s) => trie[s].depth <= kDenseDepth || visited.has(s));
  const quiet = shallow.filter((s) => !out[slot[s]]);
  const loud = shallow.filter((s) => out[slot[s]]);
  const rowList = [...quiet, ...loud];
  const row = new Map(rowList.map((s, i) => [s, i]));
  let shift = 0;
  while ((1 << shift) < classes) shift++;
  const stride = 1 << shift;
  const denseEnd = rowList.length * stride;
  const encode = (t) => (row.has(t) ? row.get(t) * stride : denseEnd + slot[t]);
  const delta = new Map();  // trie state -> target trie state per class (BFS order)
  for (const s of order) {
    if (!row.has(s)) continue;
    const r = new Array(classes).fill(0);
    for (let c = 1; c < classes; c++) {
      const child = trie[s].children.get(c);
      if (child !== undefined) r[c] = child;
      else r[c] = s === 0 ? 0 : resolve(trie, fail, delta, fail[s], c);
    }
    delta.set(s, r);
  }
  const dense = [];
  for (const s of rowList) {
    const r = delta.get(s).map(encode);
    while (r.length < stride) r.push(0);  // padding columns: no byte maps there
    dense.push(...r);
  }
  const failEncoded = F.slice();
  for (const s of order) {
    if (s === 0 || row.has(s)) continue;
    const f = fail[s];
    failEncoded[slot[s]] = row.has(f) ? kDenseFlag | row.get(f) : slot[f];
  }
  return { dense, denseSlots: rowList.map((s) => slot[s]), denseRows: rowList.length,
           denseShift: shift, denseOutputFrom: quiet.length * stride,
           denseDepths: rowList.map((s) => trie[s].depth), failEncoded };
}

// The target of state s on class c with failure links resolved; `delta` holds the rows known.
function resolve(trie, fail, delta, s, c) {
  for (;;) {
    if (delta.has(s)) return delta.get(s)[c];
    const child = trie[s].children.get(c);
    if (child !== undefined) return child;
    s = fail[s];  // the root has a row, so this ends
  }
}

// The trie states an Aho-Corasick scan of `text` passes through.
function visitedStates(trie, fail, text) {
  const classMap = trie.classMap;
  const seen = new Set();
  let s = 0;
  for (const byte of Buffer.from(text, 'latin1')) {
    const c = classMap[byte];
    for (;;) {
      const t = c === 0 ? undefined : trie[s].children.get(c);
      if (t !== undefined) {
        s = t;
        break;
      }
      if (s === 0) break;
      s = fail[s];
    }
    seen.add(s);
  }
  return seen;
}

// Parent lookup, cached on the trie.
function parentsOf(trie, s) {
  if (!trie.parent) {
    trie.parent = new Array(trie.length).fill(0);
    trie.forEach((n, p) => n.children.forEach((t) => { trie.parent[t] = p; }));
  }
  return [[trie.parent[s], true]];
}

// Runs the automaton (for the compiler's self-check and tests): calls onHit(keyword, end).
export function scan(a, bytes, onHit) {
  let s = 0;
  bytes.forEach((byte, i) => {
    const c = a.classMap[byte];
    if (c === 0) {
      s = 0;
    } else {
      for (;;) {
        const t = a.base[s] + c;
        if (t < a.size && a.check[t] === s) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = a.fail[s];
      }
    }
    const o = a.out[s];
    for (let k = 0; k < (o ? a.outputs[o] : 0); k++) onHit(a.outputs[o + 1 + k], i + 1);
  });
}
