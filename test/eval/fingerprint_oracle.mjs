// An independent oracle for warden's request fingerprint, written from the facts alone.
//
// It shares no code with the C++ core: it implements the Decide protocol's fingerprint facts
// (issue 2, item 6) and the decisions of docs/fingerprint.md directly in JavaScript, using
// node:crypto for SHA-256 and the WHATWG TextDecoder for UTF-8. The property test
// (fingerprint_property.mjs) compares `warden eval generate-fingerprint` against it.
//
//   fp::2:: + hex SHA-256 of the concatenated parts, one per characteristic:
//     ip.src → "ip"+ip   http.host → "host"+host   http.method → "method"+method
//     http.request.uri.path → "path"+path
//     http.request.headers["n"] → "header"+lower(n)+value   (names ASCII case-insensitive;
//                                                           repeated headers joined by ", ")
//     http.request.cookie["n"]  → "cookie"+n+value
//     http.request.uri.args["n"] → "query"+n+value          (form-urlencoded decoding)
//     any other key k → "userdefined"+k+extra[k]
//   ordered ip, host, method, path, headers, cookies, query, user-defined, each group by name;
//   duplicates count once; [] means ["ip.src"]; a missing or empty value is an error.
import { createHash } from 'node:crypto';

const FIXED = new Map([
  ['ip.src', 0],
  ['http.host', 1],
  ['http.method', 2],
  ['http.request.uri.path', 3],
]);
const BRACKETED = [
  ['http.request.headers[', 4],
  ['http.request.cookie[', 5],
  ['http.request.uri.args[', 6],
];
const USER_DEFINED = 7;
const LABELS = ['ip', 'host', 'method', 'path', 'header', 'cookie', 'query', 'userdefined'];

const utf8 = (s) => Buffer.from(s, 'utf8');

// Only A-Z are folded: header names compare ASCII case-insensitively, nothing more.
export function asciiLower(s) {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

// Parses one characteristic into {kind, name, text} or returns {error}.
function parse(text) {
  if (text === '') return { error: 'invalid input: empty characteristic' };
  if (FIXED.has(text)) return { kind: FIXED.get(text), name: '', text };
  for (const [prefix, kind] of BRACKETED) {
    if (!text.startsWith(prefix)) continue;
    const m = /^"([^"]+)"\]$/s.exec(text.slice(prefix.length));
    if (m === null) {
      return {
        error: `invalid input: malformed characteristic '${text}': expected a non-empty name in ["..."]`,
      };
    }
    return { kind, name: m[1], text };
  }
  return { kind: USER_DEFINED, name: text, text };
}

// Total order of characteristics: kind, then name (header names lower-cased), as UTF-8 bytes.
function compare(a, b) {
  if (a.kind !== b.kind) return a.kind - b.kind;
  const key = (c) => utf8(c.kind === 4 ? asciiLower(c.name) : c.name);
  return Buffer.compare(key(a), key(b));
}

function headerValue(headers, name) {
  const wanted = asciiLower(name);
  const values = headers.filter(([n]) => asciiLower(n) === wanted).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

function cookieValue(raw, name) {
  const trim = (s) => s.replace(/^[ \t]+|[ \t]+$/g, '');
  for (const pair of raw.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || trim(pair.slice(0, eq)) !== name) continue;
    let value = trim(pair.slice(eq + 1));
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

// application/x-www-form-urlencoded decoding of one name or value (WHATWG URL, "urlencoded
// parser"): '+' is a space, %XX a byte, then UTF-8 with replacement characters, BOM kept.
export function formDecode(text) {
  const bytes = [];
  const src = utf8(text);
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    const hex = (j) => j < src.length && /[0-9A-Fa-f]/.test(String.fromCharCode(src[j]));
    if (b === 0x2b) {
      bytes.push(0x20);
    } else if (b === 0x25 && hex(i + 1) && hex(i + 2)) {
      bytes.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else {
      bytes.push(b);
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(bytes));
}

function queryValue(raw, name) {
  const body = raw.startsWith('?') ? raw.slice(1) : raw;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const n = formDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (n === name) return eq < 0 ? '' : formDecode(pair.slice(eq + 1));
  }
  return undefined;
}

function lookup(request, c) {
  switch (c.kind) {
    case 0: return request.ip;
    case 1: return request.host;
    case 2: return request.method;
    case 3: return request.path;
    case 4: return headerValue(request.headers, c.name);
    case 5: return cookieValue(request.cookies, c.name);
    case 6: return queryValue(request.query, c.name);
    default: {
      const hit = request.extra.find(([k]) => k === c.name);
      return hit === undefined ? undefined : hit[1];
    }
  }
}

// `request`: {ip, method, host, path, headers: [[n, v]..], cookies, query, extra: [[k, v]..]}
// with every field present. Returns the eval protocol's output object: {fingerprint} or {error}.
export function fingerprint(request, characteristics) {
  const list = characteristics.length === 0 ? ['ip.src'] : characteristics;
  const parsed = [];
  for (const text of list) {
    const c = parse(text);
    if (c.error !== undefined) return { error: c.error };
    parsed.push(c);
  }
  // Array.prototype.sort is stable: of two spellings of one header, the first given stays.
  parsed.sort(compare);
  const unique = parsed.filter((c, i) => i === 0 || compare(parsed[i - 1], c) !== 0);
  const hash = createHash('sha256');
  for (const c of unique) {
    const value = lookup(request, c);
    if (value === undefined || value === '') return { error: `missing characteristic: ${c.text}` };
    hash.update(utf8(LABELS[c.kind]));
    hash.update(utf8(c.kind === 4 ? asciiLower(c.name) : c.name));
    hash.update(utf8(value));
  }
  return { fingerprint: `fp::2::${hash.digest('hex')}` };
}
