// The regex subset of the bot patterns (docs/bot-detection.md, "Regex subset"): parser and the
// analyses the compiler needs — finite expansion into literal variants and the required literal
// factors of a pattern.
//
// A pattern is JavaScript regex syntax without flags, optionally prefixed by "(?i)" (ASCII case
// folding). Matching is over bytes: a character set is a set of byte values (0..255). Supported:
// literals, "\" escapes, ".", classes (negated, ranges, \d \w \s \S \D \W), groups "(...)" and
// "(?:...)", "|", "?", "*", "+" (lazy forms too: they match the same strings), "^", "$".
// Anything else throws BotcError naming the pattern.

export class BotcError extends Error {}

// AST nodes: {t:'set', set:Uint8Array(256)}, {t:'cat', items}, {t:'alt', alts},
// {t:'rep', min:0|1, max:1|Infinity, node}, {t:'bol'}, {t:'eol'}.

const kSpace = [9, 10, 11, 12, 13, 32];

function emptySet() { return new Uint8Array(256); }
function rangeSet(lo, hi, set = emptySet()) {
  for (let b = lo; b <= hi; b++) set[b] = 1;
  return set;
}
function complement(set) {
  const out = emptySet();
  for (let b = 0; b < 256; b++) out[b] = set[b] ? 0 : 1;
  return out;
}
function union(a, b) {
  for (let i = 0; i < 256; i++) a[i] |= b[i];
  return a;
}
function escapeSet(ch) {
  switch (ch) {
    case 'd': return rangeSet(48, 57);
    case 'D': return complement(rangeSet(48, 57));
    case 'w': return wordSet();
    case 'W': return complement(wordSet());
    case 's': return spaceSet();
    case 'S': return complement(spaceSet());
    default: return null;
  }
}
function wordSet() {
  const s = rangeSet(48, 57);
  rangeSet(65, 90, s);
  rangeSet(97, 122, s);
  s[95] = 1;
  return s;
}
function spaceSet() {
  const s = emptySet();
  for (const b of kSpace) s[b] = 1;
  return s;
}
// Bytes a "." matches: all but the line terminators \n and \r.
function dotSet() {
  const s = complement(emptySet());
  s[10] = 0;
  s[13] = 0;
  return s;
}
const kControlEscapes = { t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0 };

export function foldByte(b) { return b >= 65 && b <= 90 ? b + 32 : b; }
function foldSet(set) {
  for (let b = 65; b <= 90; b++) {
    if (set[b] || set[b + 32]) set[b] = set[b + 32] = 1;
  }
  return set;
}

class Parser {
  constructor(pattern) {
    this.full = pattern;
    this.ci = pattern.startsWith('(?i)');
    this.src = this.ci ? pattern.slice(4) : pattern;
    this.pos = 0;
  }
  fail(why) {
    throw new BotcError(`unsupported pattern ${JSON.stringify(this.full)}: ${why} at offset ${
      this.pos + (this.ci ? 4 : 0)}`);
  }
  peek() { return this.src[this.pos]; }
  parse() {
    const node = this.alt();
    if (this.pos !== this.src.length) this.fail(`unbalanced ')'`);
    return node;
  }
  alt() {
    const alts = [this.cat()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.cat());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }
  cat() {
    const items = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      let atom = this.atom();
      atom = this.quantified(atom);
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }
  quantified(atom) {
    const q = this.peek();
    if (q !== '?' && q !== '*' && q !== '+') {
      if (q === '{') this.fail(`counted repetition '{' is not supported`);
      return atom;
    }
    if (atom.t === 'bol' || atom.t === 'eol') this.fail(`quantified assertion`);
    this.pos++;
    if (this.peek() === '?') this.pos++;  // lazy: same language
    const q2 = this.peek();
    if (q2 === '?' || q2 === '*' || q2 === '+' || q2 === '{') this.fail(`nested quantifier`);
    return { t: 'rep', min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity, node: atom };
  }
  atom() {
    const c = this.src[this.pos++];
    switch (c) {
      case '(': return this.group();
      case '[': return this.setNode(this.charClass());
      case '.': return this.setNode(dotSet());
      case '^': return { t: 'bol' };
      case '$': return { t: 'eol' };
      case '\\': return this.setNode(this.escape(false));
      case '*': case '+': case '?': this.pos--; this.fail(`nothing to repeat`); break;
      case '{': case '}': this.pos--; this.fail(`'${c}' must be escaped`); break;
      default: return this.literalChar(c);
    }
    return null;
  }
  group() {
    if (this.peek() === '?') {
      if (this.src[this.pos + 1] !== ':') this.fail(`only (?:...) groups are supported`);
      this.pos += 2;
    }
    const node = this.alt();
    if (this.peek() !== ')') this.fail(`missing ')'`);
    this.pos++;
    return node;
  }
  literalChar(c) {
    const code = c.codePointAt(0);
    if (code < 128) return this.setNode(this.byteSet(code));
    if (code > 0xffff) this.pos++;  // surrogate pair
    const bytes = Buffer.from(String.fromCodePoint(code), 'utf8');
    return { t: 'cat', items: [...bytes].map((b) => this.setNode(this.byteSet(b))) };
  }
  byteSet(b) {
    const s = emptySet();
    s[b] = 1;
    return s;
  }
  setNode(set) { return { t: 'set', set: this.ci ? foldSet(set) : set }; }
  // After '\': a class escape, a control escape, \xHH / \uHHHH (ASCII only) or a punctuation
  // character standing for itself. Returns a byte set.
  escape(inClass) {
    if (this.pos >= this.src.length) this.fail(`trailing '\\'`);
    const c = this.src[this.pos++];
    const cls = escapeSet(c);
    if (cls) return cls;
    if (c in kControlEscapes) return this.byteSet(kControlEscapes[c]);
    if (c === 'x' || c === 'u') {
      const n = c === 'x' ? 2 : 4;
      const hex = this.src.slice(this.pos, this.pos + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) this.fail(`bad \\${c} escape`);
      const code = parseInt(hex, 16);
      if (code > 127) this.fail(`non-ASCII \\${c} escape`);
      this.pos += n;
      return this.byteSet(code);
    }
    if (c === 'b' && inClass) return this.byteSet(8);
    if (/[A-Za-z0-9]/.test(c)) {
      this.pos--;
      this.fail(`escape '\\${c}' is not supported`);
    }
    const code = c.charCodeAt(0);
    if (code > 127) this.fail(`non-ASCII escape`);
    return this.byteSet(code);
  }
  classAtom() {
    const c = this.src[this.pos++];
    if (c === undefined) this.fail(`missing ']'`);
    if (c === '\\') return this.escape(true);
    const code = c.charCodeAt(0);
    if (code > 127) this.fail(`non-ASCII character in a class`);
    if (c === '[') this.fail(`'[' in a class must be escaped`);
    return this.byteSet(code);
  }
  static single(set) {
    let found = -1;
    for (let b = 0; b < 256; b++) {
      if (!set[b]) continue;
      if (found >= 0) return -1;
      found = b;
    }
    return found;
  }
  charClass() {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const set = emptySet();
    let first = true;
    while (this.peek() !== ']' || (first && false)) {
      if (this.pos >= this.src.length) this.fail(`missing ']'`);
      const lo = this.classAtom();
      first = false;
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        const a = Parser.single(lo);
        const b = Parser.single(hi);
        if (a < 0 || b < 0) this.fail(`class escape in a range`);
        if (a > b) this.fail(`range out of order`);
        rangeSet(a, b, set);
      } else {
        union(set, lo);
      }
    }
    this.pos++;  // ']'
    if (this.ci) foldSet(set);
    return negated ? complement(set) : set;
  }
}

// Parses `pattern`; returns {ast, ci}. Throws BotcError.
export function parse(pattern) {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    throw new BotcError(`empty pattern ${JSON.stringify(pattern)}`);
  }
  const p = new Parser(pattern);
  return { ast: p.parse(), ci: p.ci };
}

// The members of a set, as bytes; under case folding only the lower-case of each letter pair.
export function setMembers(set, ci) {
  const out = [];
  for (let b = 0; b < 256; b++) {
    if (!set[b]) continue;
    if (ci && b >= 65 && b <= 90) continue;
    out.push(b);
  }
  return out;
}

const kMaxVariants = 64;
const kMaxSetFanout = 8;

// Finite expansion: the strings the node matches, as variants {bytes:number[], bol, eol}, or
// null when infinite or too many. A variant with "^" after bytes or "$" before bytes can never
// match and is dropped.
export function expand(node, ci, limit = kMaxVariants) {
  switch (node.t) {
    case 'set': {
      const members = setMembers(node.set, ci);
      if (members.length > kMaxSetFanout) return null;
      return members.map((b) => ({ bytes: [b], bol: false, eol: false }));
    }
    case 'bol': return [{ bytes: [], bol: true, eol: false }];
    case 'eol': return [{ bytes: [], bol: false, eol: true }];
    case 'rep': {
      if (node.max !== 1) return null;
      const inner = expand(node.node, ci, limit);
      return inner && [{ bytes: [], bol: false, eol: false }, ...inner];
    }
    case 'alt': {
      const out = [];
      for (const a of node.alts) {
        const v = expand(a, ci, limit);
        if (!v) return null;
        out.push(...v);
        if (out.length > limit) return null;
      }
      return out;
    }
    case 'cat': {
      let acc = [{ bytes: [], bol: false, eol: false }];
      for (const item of node.items) {
        const v = expand(item, ci, limit);
        if (!v) return null;
        const next = [];
        for (const a of acc) {
          for (const b of v) {
            const joined = join(a, b);
            if (joined) next.push(joined);
          }
        }
        if (next.length > limit) return null;
        acc = next;
      }
      return acc;
    }
    default: throw new Error(`bad node ${node.t}`);
  }
}

function join(a, b) {
  if (b.bol && (a.bytes.length > 0 || a.eol)) return null;
  if (a.eol && b.bytes.length > 0) return null;
  return { bytes: a.bytes.concat(b.bytes), bol: a.bol || b.bol, eol: a.eol || b.eol };
}

// Dedupes variants (same bytes and anchors).
export function uniqueVariants(variants) {
  const seen = new Map();
  for (const v of variants) seen.set(`${v.bol}|${v.eol}|${v.bytes.join(',')}`, v);
  return [...seen.values()];
}

function score(factors) {
  if (!factors || factors.length === 0) return -1;
  const minLen = Math.min(...factors.map((f) => f.length));
  return minLen * 1000 - factors.length;
}

function foldBytes(bytes) { return bytes.map(foldByte); }

// Required literal factors: a set of byte strings (ASCII-folded) such that every match of `node`
// contains one of them; the best such set found, or null.
export function requiredFactors(node, ci) {
  switch (node.t) {
    case 'set': case 'bol': case 'eol': {
      const v = expand(node, ci, 16);
      return v ? dedupeFactors(v.map((x) => foldBytes(x.bytes))) : null;
    }
    case 'rep': return node.min >= 1 ? requiredFactors(node.node, ci) : null;
    case 'alt': {
      const out = [];
      for (const a of node.alts) {
        const f = requiredFactors(a, ci);
        if (!f) return null;
        out.push(...f);
      }
      return dedupeFactors(out);
    }
    case 'cat': return catFactors(node.items, ci);
    default: throw new Error(`bad node ${node.t}`);
  }
}

// In a concatenation: runs of finite items expand into literal sets; the best of those and of
// the items' own factor sets wins.
function catFactors(items, ci) {
  let best = null;
  const consider = (f) => {
    if (f && score(f) > score(best)) best = f;
  };
  let run = null;  // variants of the current run of finite items
  for (const item of items) {
    const v = expand(item, ci, 16);
    if (v) {
      const next = run ? [] : v;
      if (run) {
        for (const a of run) for (const b of v) next.push({ bytes: a.bytes.concat(b.bytes) });
      }
      if (next.length <= 16) {
        run = next;
        consider(dedupeFactors(run.map((x) => foldBytes(x.bytes))));
        continue;
      }
      run = v;
      consider(dedupeFactors(run.map((x) => foldBytes(x.bytes))));
      continue;
    }
    run = null;
    consider(requiredFactors(item, ci));
  }
  return best;
}

function dedupeFactors(list) {
  const seen = new Map();
  for (const f of list) seen.set(f.join(','), f);
  return [...seen.values()];
}
