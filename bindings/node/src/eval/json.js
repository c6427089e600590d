// A strict JSON (RFC 8259) parser for the eval protocol (docs/eval.md, "What counts as
// malformed JSON"). Unlike JSON.parse it keeps every object's keys in input order — JSON.parse
// moves integer-like keys ("1", "42") first, which would reorder headers — and it applies the
// protocol's extra rules: strings (keys too) must be well-formed UTF-16 (no unpaired surrogate
// escape) and numbers must be finite doubles.
//
// Values: objects are Maps (a repeated key keeps its first position and its last value, as
// JSON.parse and nlohmann's ordered_json do), arrays are Arrays, then strings, numbers,
// booleans and null. Iterative, so nesting depth is bounded by memory, not the call stack.

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Malformed extends Error {}

function fail() {
  throw new Malformed();
}

class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }

  skipWs() {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) p++;
      else break;
    }
    this.pos = p;
  }

  expect(ch) {
    this.skipWs();
    if (this.text[this.pos] !== ch) fail();
    this.pos++;
  }

  string() {
    const t = this.text;
    let p = this.pos + 1; // past the opening quote
    let out = '';
    let start = p;
    for (;;) {
      if (p >= t.length) fail();
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (c < 0x20) fail();
      if (c !== 0x5c) {
        p++;
        continue;
      }
      out += t.slice(start, p);
      const e = t[p + 1];
      if (e === 'u') {
        const hex = t.slice(p + 2, p + 6);
        if (!HEX4.test(hex)) fail();
        out += String.fromCharCode(parseInt(hex, 16));
        p += 6;
      } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        p += 2;
      } else {
        fail();
      }
      start = p;
    }
    out += t.slice(start, p);
    this.pos = p + 1;
    if (!out.isWellFormed()) fail();
    return out;
  }

  key() {
    this.skipWs();
    if (this.text[this.pos] !== '"') fail();
    const k = this.string();
    this.expect(':');
    return k;
  }

  // A scalar at pos, or an opening bracket: returns {open: container} for '{'/'[' that is
  // not immediately closed, else {value}.
  scalarOrOpen() {
    this.skipWs();
    const t = this.text;
    const c = t[this.pos];
    if (c === '{' || c === '[') {
      this.pos++;
      this.skipWs();
      const close = c === '{' ? '}' : ']';
      if (t[this.pos] === close) {
        this.pos++;
        return { value: c === '{' ? new Map() : [] };
      }
      return { open: c === '{' ? { map: new Map(), key: this.key() } : { arr: [] } };
    }
    if (c === '"') return { value: this.string() };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]]) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { value };
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (!m) fail();
    const n = Number(m[0]);
    if (!Number.isFinite(n)) fail();
    this.pos += m[0].length;
    return { value: n };
  }

  parse() {
    const stack = [];
    let value;
    for (;;) {
      const r = this.scalarOrOpen();
      if (r.open) {
        stack.push(r.open);
        continue;
      }
      value = r.value;
      // Attach the finished value to its parents, closing containers as they end.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          this.skipWs();
          if (this.pos !== this.text.length) fail();
          return value;
        }
        if (top.map) top.map.set(top.key, value);
        else top.arr.push(value);
        this.skipWs();
        const c = this.text[this.pos++];
        if (c === ',') {
          if (top.map) top.key = this.key();
          break;
        }
        if (c !== (top.map ? '}' : ']')) fail();
        stack.pop();
        value = top.map ?? top.arr;
      }
    }
  }
}

/** The parsed value of `text`, or `undefined` if it is not JSON by the protocol's rules. */
export function parseJson(text) {
  try {
    return new Parser(text).parse();
  } catch (e) {
    if (e instanceof Malformed) return undefined;
    throw e;
  }
}

/** True for a parsed JSON object (a Map). */
export function isObject(v) {
  return v instanceof Map;
}
