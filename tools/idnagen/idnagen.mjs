#!/usr/bin/env node
// idnagen: builds the Unicode tables of the email validator's IDNA processing
// (core/email/unicode_tables.h) from pinned sources, as one generated C++ source:
//   - the UTS #46 mapping table of the tr46 npm package (lib/mappingTable.json): status
//     (valid / mapped / deviation / disallowed / ignored) per code-point range, with mappings;
//   - Debian unicode-data's UnicodeData.txt and CompositionExclusions.txt: canonical
//     decompositions (fully expanded), canonical combining classes, primary composites, the
//     General_Category M ranges (combining marks) and Bidi_Class ranges (for RFC 5893).
// Adjacent ranges with equal data are merged; mappings are deduplicated into one UTF-8 pool.
//
// Usage: node idnagen.mjs --mapping <mappingTable.json> --unicode-data <UnicodeData.txt>
//        --exclusions <CompositionExclusions.txt> --out <file.cc>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`missing ${name}`);
  return args[i + 1];
};

// tr46 status numbers (lib/statusMapping.js) → ours (core/email/unicode_tables.h IdnaStatus).
const STATUS = { 1: 'mapped', 2: 'valid', 3: 'disallowed', 6: 'deviation', 7: 'ignored' };
// 5 and 6 are compact forms of runs of "mapped" (see unicode_tables.h): kMappedDelta maps each
// code point of the range to itself + a signed delta; kMappedAlternating maps the code points
// at even offsets from the start to themselves + 1 and leaves the odd ones valid (the
// upper/lower-case pairs of Latin Extended, Greek, Cyrillic, ...).
const OURS = { valid: 0, mapped: 1, deviation: 2, disallowed: 3, ignored: 4, delta: 5, alternating: 6 };

function idnaEntries(mappingPath) {
  const table = JSON.parse(readFileSync(mappingPath, 'utf8'));
  const pool = [];
  const offsets = new Map();
  const entries = [];
  let next = 0;
  for (const row of table) {
    const [lo, hi] = Array.isArray(row[0]) ? row[0] : [row[0], row[0]];
    if (lo !== next) throw new Error(`mapping table gap at U+${next.toString(16)}`);
    next = hi + 1;
    const status = STATUS[row[1]];
    if (status === undefined) throw new Error(`unknown status ${row[1]}`);
    // Deviation characters keep themselves under nontransitional processing.
    const mapping = status === 'mapped' ? row[2] : '';
    const last = entries[entries.length - 1];
    if (last && last.status === OURS[status] && mapping === '' && last.mapping === '') {
      last.hi = hi;
      continue;
    }
    entries.push({ lo, hi, status: OURS[status], mapping });
  }
  if (next !== 0x110000) throw new Error('mapping table does not reach U+10FFFF');
  const compacted = compact(entries);
  selfCheck(entries, compacted);
  for (const e of compacted) {
    e.offset = 0;
    e.length = 0;
    if (e.status !== OURS.mapped) continue;
    const bytes = Buffer.from(e.mapping, 'utf8');
    if (bytes.length > 255) throw new Error(`mapping of U+${e.lo.toString(16)} too long`);
    if (!offsets.has(e.mapping)) {
      offsets.set(e.mapping, pool.length);
      pool.push(...bytes);
    }
    e.offset = offsets.get(e.mapping);
    e.length = bytes.length;
  }
  return { entries: compacted, pool };
}

// Folds single-code-point mappings into kMappedDelta and kMappedAlternating ranges.
function compact(entries) {
  const single = (e) => e.status === OURS.mapped && e.lo === e.hi && [...e.mapping].length === 1;
  const out = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const last = out[out.length - 1];
    const isSingle = single(e);
    const delta = isSingle ? e.mapping.codePointAt(0) - e.lo : 0;
    if (last && last.hi + 1 === e.lo) {
      if (last.status === OURS.delta && isSingle && delta === last.delta) { last.hi = e.hi; continue; }
      if (last.status === OURS.alternating && e.lo === e.hi &&
          ((e.lo - last.lo) % 2 === 0 ? isSingle && delta === 1 : e.status === OURS.valid)) {
        last.hi = e.hi;
        continue;
      }
    }
    const next = entries[i + 1];
    if (isSingle && delta === 1 && next && next.status === OURS.valid && next.lo === e.lo + 1 &&
        next.hi === e.lo + 1) {
      out.push({ lo: e.lo, hi: e.hi, status: OURS.alternating });
    } else if (isSingle) {
      out.push({ lo: e.lo, hi: e.hi, status: OURS.delta, delta });
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

// Every code point must resolve to the same status and mapping through the compact ranges.
function selfCheck(plain, compacted) {
  const resolve = (list, cp, compactForm) => {
    let lo = 0, hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].lo <= cp) lo = mid; else hi = mid - 1;
    }
    const e = list[lo];
    if (compactForm && e.status === OURS.delta) return `1:${String.fromCodePoint(cp + e.delta)}`;
    if (compactForm && e.status === OURS.alternating) {
      return (cp - e.lo) % 2 === 0 ? `1:${String.fromCodePoint(cp + 1)}` : '0:';
    }
    return `${e.status}:${e.mapping}`;
  };
  for (let cp = 0; cp < 0x110000; cp++) {
    if (resolve(plain, cp, false) !== resolve(compacted, cp, true)) {
      throw new Error(`compaction changed U+${cp.toString(16)}`);
    }
  }
}

// The `mapping` field of a range: pool offset << 8 | length, or the delta (two's complement).
const mappingField = (e) => (e.status === OURS.delta ? (e.delta >>> 0) : e.offset * 256 + e.length);

function unicodeData(dataPath, exclusionsPath) {
  const decomp = new Map();
  const ccc = new Map();
  const marks = [];
  const bidi = [];  // [first, last, class index]
  const lines = readFileSync(dataPath, 'utf8').split('\n').filter(Boolean);
  let rangeStart = null;
  for (const line of lines) {
    const f = line.split(';');
    const cp = parseInt(f[0], 16);
    const name = f[1];
    if (name.endsWith(', First>')) { rangeStart = cp; continue; }
    const lo = name.endsWith(', Last>') ? rangeStart : cp;
    if (f[2].startsWith('M')) marks.push([lo, cp]);
    bidi.push([lo, cp, BIDI_CLASSES.indexOf(f[4]) >= 0 ? BIDI_CLASSES.indexOf(f[4]) : BIDI_OTHER]);
    const cls = Number(f[3]);
    if (cls !== 0) for (let c = lo; c <= cp; ++c) ccc.set(c, cls);
    if (f[5] && !f[5].startsWith('<')) decomp.set(cp, f[5].split(' ').map((h) => parseInt(h, 16)));
  }
  const excluded = new Set();
  for (const line of readFileSync(exclusionsPath, 'utf8').split('\n')) {
    const m = line.match(/^([0-9A-F]{4,6})\b/);
    if (m) excluded.add(parseInt(m[1], 16));
  }
  const expand = (cp) => (decomp.has(cp) ? decomp.get(cp).flatMap(expand) : [cp]);
  const decompositions = [...decomp.keys()].sort((a, b) => a - b).map((cp) => [cp, expand(cp)]);
  // Primary composites: canonical pairs, not excluded, not a singleton, not starting with a
  // non-starter (UAX #15 Full_Composition_Exclusion).
  const compositions = [];
  for (const [cp, parts] of decomp) {
    if (parts.length !== 2 || excluded.has(cp) || (ccc.get(parts[0]) ?? 0) !== 0) continue;
    compositions.push([parts[0], parts[1], cp]);
  }
  compositions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cccRanges = [];
  for (const cp of [...ccc.keys()].sort((a, b) => a - b)) {
    const last = cccRanges[cccRanges.length - 1];
    if (last && last[1] === cp - 1 && last[2] === ccc.get(cp)) last[1] = cp;
    else cccRanges.push([cp, cp, ccc.get(cp)]);
  }
  const markRanges = [];
  for (const [lo, hi] of marks) {
    const last = markRanges[markRanges.length - 1];
    if (last && last[1] === lo - 1) last[1] = hi;
    else markRanges.push([lo, hi]);
  }
  // Bidi_Class as ranges "from start to the next start"; unassigned gaps take class L (they
  // are disallowed by IDNA before the Bidi rule could look at them).
  const bidiRanges = [];
  let next = 0;
  for (const [lo, hi, cls] of bidi) {
    if (lo > next) bidiRanges.push([next, 0]);
    const last = bidiRanges[bidiRanges.length - 1];
    if (!(last && last[1] === cls)) bidiRanges.push([lo, cls]);
    next = hi + 1;
  }
  if (next < 0x110000) bidiRanges.push([next, 0]);
  const merged = bidiRanges.filter((r, i) => i === 0 || r[1] !== bidiRanges[i - 1][1]);
  const rtl = ['R', 'AL', 'AN'].map((name) => BIDI_CLASSES.indexOf(name));
  const firstRtl = merged.find(([, cls]) => rtl.includes(cls))[0];
  const nfcUnsafe = nfcUnsafeRanges(decompositions, compositions, ccc);
  return { decompositions, compositions, cccRanges, markRanges, bidiRanges: merged, firstRtl,
    nfcUnsafe };
}

// The code points that core/email/unicode.cc's NFC could change or combine with a neighbour:
// every other code point ("inert") is a starter that is no composition's second part and
// whose decomposition the same algorithm composes back into it, so a string of inert code
// points is its own NFC. Simulates that algorithm (decompose, order marks, compose) on each
// decomposable code point; Hangul jamo and syllables are left out wholesale.
function nfcUnsafeRanges(decompositions, compositions, ccc) {
  const cls = (c) => ccc.get(c) ?? 0;
  const seconds = new Set(compositions.map(([, b]) => b));
  const composite = new Map(compositions.map(([a, b, c]) => [`${a},${b}`, c]));
  const unsafe = new Set([...ccc.keys(), ...seconds]);
  for (const [cp, parts] of decompositions) {
    const s = [...parts];
    for (let i = 1; i < s.length; ++i) {  // the stable reordering of ReorderMarks
      for (let j = i; j > 0 && cls(s[j]) !== 0 && cls(s[j - 1]) > cls(s[j]); --j) {
        [s[j - 1], s[j]] = [s[j], s[j - 1]];
      }
    }
    let first = s[0];
    let rest = 0;  // parts left uncomposed after the first
    let lastClass = 0;
    for (const c of s.slice(1)) {
      const k = composite.get(`${first},${c}`);
      if (k !== undefined && (lastClass < cls(c) || lastClass === 0)) { first = k; continue; }
      ++rest;
      lastClass = cls(c);
    }
    if (cls(s[0]) !== 0 || seconds.has(s[0]) || rest !== 0 || first !== cp) unsafe.add(cp);
  }
  for (let c = 0x1100; c <= 0x11FF; ++c) unsafe.add(c);
  for (let c = 0xAC00; c <= 0xD7A3; ++c) unsafe.add(c);
  const ranges = [];
  for (const cp of [...unsafe].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}

// The order of core/email/unicode_tables.h BidiClass; every other class is BIDI_OTHER.
const BIDI_CLASSES = ['L', 'R', 'AL', 'EN', 'ES', 'ET', 'AN', 'CS', 'NSM', 'BN', 'ON'];
const BIDI_OTHER = BIDI_CLASSES.length;

const hex = (n) => `0x${n.toString(16).toUpperCase()}`;
function rows(items, format, perLine = 6) {
  const out = [];
  for (let i = 0; i < items.length; i += perLine) {
    out.push('    ' + items.slice(i, i + perLine).map(format).join(', ') + ',');
  }
  return out.join('\n');
}

// For each block of 256 code points, the index of the IDNA range holding its first code point
// (entries are sorted by `lo` and cover U+0000..U+10FFFF).
function idnaBlockIndex(entries) {
  if (entries.length > 0xFFFF) throw new Error('too many IDNA ranges for a uint16_t index');
  const index = [];
  let r = 0;
  for (let block = 0; block < 0x1100; ++block) {
    while (r + 1 < entries.length && entries[r + 1].lo <= block * 256) ++r;
    index.push(r);
  }
  return index;
}

function main() {
  const { entries, pool } = idnaEntries(arg('--mapping'));
  const blockIndex = idnaBlockIndex(entries);
  const u = unicodeData(arg('--unicode-data'), arg('--exclusions'));
  const decompPool = [];
  const decompEntries = u.decompositions.map(([cp, parts]) => {
    const e = { cp, offset: decompPool.length, length: parts.length };
    decompPool.push(...parts);
    return e;
  });
  const text = `// Generated by tools/idnagen/idnagen.mjs — do not edit. Inputs: tr46 mappingTable.json,
// UnicodeData.txt, CompositionExclusions.txt (see core/email/unicode_tables.h).
#include "core/email/unicode_tables.h"

namespace warden::core::email::tables {

const IdnaRange kIdnaRanges[] = {
${rows(entries, (e) => `{${hex(((e.lo << 3) | e.status) >>> 0)}, ${hex(mappingField(e))}}`)}
};
const size_t kIdnaRangeCount = ${entries.length};
const uint16_t kIdnaBlockIndex[] = {
${rows(blockIndex, String, 16)}
};

const unsigned char kIdnaMappingPool[] = {
${rows(pool, hex, 16)}
};

const Decomposition kDecompositions[] = {
${rows(decompEntries, (e) => `{${hex(e.cp)}, ${e.offset}, ${e.length}}`)}
};
const size_t kDecompositionCount = ${decompEntries.length};
const char32_t kDecompositionPool[] = {
${rows(decompPool, hex, 10)}
};

const Composition kCompositions[] = {
${rows(u.compositions, ([a, b, c]) => `{${hex(a)}, ${hex(b)}, ${hex(c)}}`, 4)}
};
const size_t kCompositionCount = ${u.compositions.length};

const CombiningClassRange kCombiningClasses[] = {
${rows(u.cccRanges, ([lo, hi, c]) => `{${hex(lo)}, ${hex(hi)}, ${c}}`, 4)}
};
const size_t kCombiningClassCount = ${u.cccRanges.length};

// start << 4 | BidiClass, from start up to the next entry's start.
const uint32_t kBidiClasses[] = {
${rows(u.bidiRanges, ([lo, c]) => hex(((lo << 4) | c) >>> 0), 8)}
};
const size_t kBidiClassCount = ${u.bidiRanges.length};

const CodePointRange kMarks[] = {
${rows(u.markRanges, ([lo, hi]) => `{${hex(lo)}, ${hex(hi)}}`, 5)}
};
const size_t kMarkCount = ${u.markRanges.length};

const CodePointRange kNfcUnsafe[] = {
${rows(u.nfcUnsafe, ([lo, hi]) => `{${hex(lo)}, ${hex(hi)}}`, 5)}
};
const size_t kNfcUnsafeCount = ${u.nfcUnsafe.length};

const char32_t kFirstRtlCodePoint = ${hex(u.firstRtl)};

}  // namespace warden::core::email::tables
`;
  mkdirSync(dirname(arg('--out')), { recursive: true });
  writeFileSync(arg('--out'), text);
  console.log(`idnagen: ${entries.length} IDNA ranges, ${pool.length} B mappings, ` +
    `${decompEntries.length} decompositions, ${u.compositions.length} compositions, ` +
    `${u.cccRanges.length} combining-class ranges, ${u.markRanges.length} mark ranges, ` +
    `${u.bidiRanges.length} bidi ranges, ${u.nfcUnsafe.length} NFC-unsafe ranges -> ` +
    `${arg('--out')}`);
}

main();
