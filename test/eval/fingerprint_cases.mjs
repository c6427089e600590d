// Random `generate-fingerprint` input lines for the fingerprint property test.
//
// generateCase(seed, index) is a pure function of its arguments (its own small PRNG), so a
// failing case can be reproduced from the two numbers alone. It returns the input line as
// written on stdin, and the request and characteristics as the oracle should see them after the
// eval protocol's JSON mapping (docs/eval.md: absent fields empty; a repeated JSON key keeps its
// first position and its last value).

// A 32-bit counter-based generator: the state advances by a constant, the output is a mixed
// copy of it. Returns floats in [0, 1).
function makeRandom(seed, index) {
  let state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a', 'b', 'Z', '0', '7', '-', '_', '.', ' ', '\t', '"', '\\', '/', ';', '=', '&', '%', '+', ',',
  ':', '?', '#', 'é', 'ß', 'Ж', '中', '😀', '\uff5e', '\ufffd', '\u0001', '\u007f', '\u2028',
  'e\u0301',
];
const HEADER_NAMES = ['User-Agent', 'Accept', 'Accept-Language', 'X-Forwarded-For', 'x-api-key',
  'X-Custom', 'Cookie', 'Ünïcode', 'a', 'B', 'x_y', 'sec-ch-ua', 'x-😀', 'x-\uff21'];
const COOKIE_NAMES = ['session', 'Session', 'theme', 'id', 'a', 'A', 'é', 'x y', '__Host-t', 'b=c'];
const QUERY_NAMES = ['q', 'page', 'a b', 'é', 'x+y', '%', 'id', 'A', '😀', 'k=v', '\ufffd', '\uff5e'];
const EXTRA_KEYS = ['user.id', 'tenant', 'plan', 'é', 'ip', 'http.request.headers', 'x"y', 'IP.SRC',
  'http.request.uri', ' ip.src', 'a', 'k😀', 'k\uff5e'];
const FIXED = ['ip.src', 'http.host', 'http.method', 'http.request.uri.path'];
const MALFORMED = ['', 'http.request.headers[x]', 'http.request.headers[""]',
  'http.request.cookie["a"b"]', 'http.request.uri.args["q"', 'http.request.headers[',
  'http.request.cookie["x"] ', 'http.request.uri.args[\'q\']'];

class Gen {
  constructor(random) { this.random = random; }
  chance(p) { return this.random() < p; }
  int(n) { return Math.floor(this.random() * n); }
  pick(list) { return list[this.int(list.length)]; }
  // A random string of 0..max pieces (sometimes empty).
  text(max = 8) {
    let s = '';
    const n = this.int(max + 1);
    for (let i = 0; i < n; i++) s += this.pick(PIECES);
    return s;
  }
  // A value that is empty now and then.
  value() { return this.chance(0.05) ? '' : this.text(10) || 'v'; }
  // Flips the case of ASCII letters at random (other characters are left alone).
  caseVariant(name) {
    return name.replace(/[A-Za-z]/g, (c) => (this.chance(0.5) ? c.toUpperCase() : c.toLowerCase()));
  }
  shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
}

function percentEncode(g, text) {
  let out = '';
  for (const ch of text) {
    if (ch === ' ' && g.chance(0.5)) { out += '+'; continue; }
    if (/[A-Za-z0-9]/.test(ch) && g.chance(0.7)) { out += ch; continue; }
    if (g.chance(0.3) && !/[&=+%#]/.test(ch)) { out += ch; continue; }
    for (const b of Buffer.from(ch, 'utf8')) {
      const hex = b.toString(16).padStart(2, '0');
      out += '%' + (g.chance(0.5) ? hex.toUpperCase() : hex);
    }
  }
  return out;
}

function cookieString(g, names) {
  const ws = () => g.pick(['', '', ' ', '  ', '\t']);
  const parts = [];
  const n = g.int(6);
  for (let i = 0; i < n; i++) {
    const r = g.random();
    if (r < 0.08) { parts.push(ws() + 'flag' + ws()); continue; }
    if (r < 0.12) { parts.push(''); continue; }
    const name = g.chance(0.8) ? g.pick(COOKIE_NAMES) : g.text(3).replace(/[;=]/g, '');
    names.push(name);
    let value = g.value().replace(/;/g, '');
    if (g.chance(0.2)) value = `"${value}"`;
    if (g.chance(0.03)) value = '"';
    parts.push(ws() + name + ws() + '=' + ws() + value + ws());
  }
  return parts.join(g.pick([';', '; ', ';']));
}

function queryString(g, names) {
  const parts = [];
  const n = g.int(6);
  for (let i = 0; i < n; i++) {
    const r = g.random();
    if (r < 0.06) { parts.push(''); continue; }
    if (r < 0.14) { parts.push(g.pick(['%', '%G1', '%FF', '%C3', '%EF%BB%BFq', '%e2%82', '+'])); continue; }
    const name = g.chance(0.85) ? g.pick(QUERY_NAMES) : g.text(3);
    names.push(name);
    if (g.chance(0.1)) { parts.push(percentEncode(g, name)); continue; }
    let value = percentEncode(g, g.value());
    if (g.chance(0.08)) value += g.pick(['%', '%zz', '%ff', '%E9', '%C3%A9']);
    parts.push(percentEncode(g, name) + '=' + value);
  }
  return (g.chance(0.3) ? '?' : '') + parts.join('&');
}

// name/value pairs, some names repeated in other spellings, some exact JSON key repeats.
function pairs(g, pool, spell) {
  const out = [];
  const n = g.int(6);
  for (let i = 0; i < n; i++) {
    if (out.length > 0 && g.chance(0.06)) { out.push([g.pick(out)[0], g.value()]); continue; }
    const name = g.chance(0.85) ? spell(g.pick(pool)) : g.text(4);
    out.push([name, g.value()]);
  }
  return out;
}

// What a JSON object with these (possibly repeated) keys parses to, in order.
function effective(list) {
  const map = new Map();
  for (const [k, v] of list) map.set(k, v);
  return [...map.entries()];
}

function objectText(list) {
  return '{' + list.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') + '}';
}

function characteristics(g, present) {
  const out = [];
  const n = g.chance(0.1) ? 0 : 1 + g.int(4);
  // Mostly names the request has, so that most lines hash; the rest probe missing values.
  const from = (names, pool) => (names.length > 0 && g.chance(0.9) ? g.pick(names) : g.pick(pool));
  const kinds = [0, 1, 2, 3].filter((k) => [present.headers, present.cookies, present.query, present.extra][k].length > 0);
  for (let i = 0; i < n; i++) {
    const r = g.random();
    if (out.length > 0 && r < 0.08) {
      const again = g.pick(out);
      const header = /^http\.request\.headers\["(.*)"\]$/s.exec(again);
      out.push(header && g.chance(0.6) ? `http.request.headers["${g.caseVariant(header[1])}"]` : again);
      continue;
    }
    if (r < 0.25) { out.push(g.pick(FIXED)); continue; }
    if (r < 0.27) { out.push(g.pick(MALFORMED)); continue; }
    const kind = kinds.length > 0 && g.chance(0.9) ? g.pick(kinds) : g.int(4);
    if (kind === 0) out.push(`http.request.headers["${g.caseVariant(from(present.headers, HEADER_NAMES))}"]`);
    if (kind === 1) out.push(`http.request.cookie["${from(present.cookies, COOKIE_NAMES)}"]`);
    if (kind === 2) out.push(`http.request.uri.args["${from(present.query, QUERY_NAMES)}"]`);
    if (kind === 3) out.push(from(present.extra, EXTRA_KEYS));
  }
  // A random name holding '"' cannot be written in brackets: such picks are malformed, on purpose.
  return out;
}

export function generateCase(seed, index) {
  const g = new Gen(makeRandom(seed, index));
  const present = { headers: [], cookies: [], query: [], extra: [] };
  const field = (pool) => (g.chance(0.05) ? '' : g.chance(0.6) ? g.pick(pool) : g.text(6));
  const ip = field(['203.0.113.7', '2001:db8::1', '::1', '10.0.0.1']);
  const method = field(['GET', 'POST', 'get', 'DELETE']);
  const host = field(['example.com', 'EXAMPLE.com:8080', 'bücher.de']);
  const path = field(['/', '/a/b', '/é?x', '/%20']);
  const headerList = pairs(g, HEADER_NAMES, (n) => g.caseVariant(n));
  const extraList = pairs(g, EXTRA_KEYS, (n) => n);
  present.headers = headerList.map(([n]) => n);
  present.extra = extraList.map(([n]) => n);
  const cookies = cookieString(g, present.cookies);
  const query = queryString(g, present.query);
  const list = characteristics(g, present);

  const members = [];
  const put = (key, text, keep) => { if (keep || g.chance(0.85)) members.push(`${JSON.stringify(key)}:${text}`); };
  put('ip', JSON.stringify(ip), ip !== '');
  put('method', JSON.stringify(method), method !== '');
  put('protocol', JSON.stringify(g.pick(['HTTP/1.1', 'HTTP/2', ''])), false);
  put('host', JSON.stringify(host), host !== '');
  put('path', JSON.stringify(path), path !== '');
  put('headers', objectText(headerList), headerList.length > 0);
  put('cookies', JSON.stringify(cookies), cookies !== '');
  put('query', JSON.stringify(query), query !== '');
  if (g.chance(0.2)) members.push(`"body":${JSON.stringify(g.text(12))}`);
  put('extra', objectText(extraList), extraList.length > 0);
  if (g.chance(0.05)) members.push('"unknownField":[1,{"x":null}]');
  const top = [`"request":{${g.shuffle(members).join(',')}}`];
  if (list.length > 0 || g.chance(0.5)) top.push(`"characteristics":${JSON.stringify(list)}`);
  const line = `{${g.shuffle(top).join(',')}}`;

  const request = {
    ip, method, host, path, cookies, query,
    headers: effective(headerList),
    extra: effective(extraList),
  };
  return { line, request, characteristics: list };
}
