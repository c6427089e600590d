// Shared test helpers: where the component is, and an independent fingerprint computation
// from the Decide protocol's facts (issue 2 item 6, docs/fingerprint.md) with node:crypto.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { resolveComponentDir } from '../src/index.js';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EVAL_BIN = path.join(PACKAGE_DIR, 'bin', 'warden-eval.mjs');

/**
 * `false` when the tests that need the transpiled component can run, else the reason to skip.
 * With WARDEN_NODE_REQUIRE_COMPONENT=1 (as ctest sets it) a missing component is a failure,
 * not a skip.
 */
export function componentSkip() {
  const dir = resolveComponentDir();
  if (existsSync(path.join(dir, 'analyzer.js'))) return false;
  if (process.env.WARDEN_NODE_REQUIRE_COMPONENT === '1') {
    throw new Error(`no transpiled component in ${dir}`);
  }
  return `no transpiled component in ${dir} (set WARDEN_NODE_COMPONENT_DIR)`;
}

const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function headerValue(headers, name) {
  const values = headers.filter(([n]) => asciiLower(n) === asciiLower(name)).map(([, v]) => v);
  return values.length ? values.join(', ') : undefined;
}

function cookieValue(raw, name) {
  for (const pair of raw.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).replace(/^[ \t]+|[ \t]+$/g, '') !== name) continue;
    let v = pair.slice(eq + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    return v;
  }
  return undefined;
}

const KINDS = [
  ['ip.src', 0],
  ['http.host', 1],
  ['http.method', 2],
  ['http.request.uri.path', 3],
];
const BRACKETED = [
  ['http.request.headers["', 4, 'header'],
  ['http.request.cookie["', 5, 'cookie'],
  ['http.request.uri.args["', 6, 'query'],
];

function classify(c) {
  for (const [text, rank] of KINDS) if (c === text) return { rank, name: '', c };
  for (const [prefix, rank, label] of BRACKETED) {
    if (c.startsWith(prefix) && c.endsWith('"]')) return { rank, label, name: c.slice(prefix.length, -2), c };
  }
  return { rank: 7, label: 'userdefined', name: c, c };
}

function byteCompare(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The expected result of generate-fingerprint for a request in pair form
 * ({ip, host, method, path, headers: [[n, v]], cookies, query, extra: [[k, v]]}):
 * {fingerprint} or {error: {tag: 'missing-characteristic', val}}.
 */
export function expectedFingerprint(req, characteristics) {
  const chars = (characteristics.length ? characteristics : ['ip.src']).map(classify);
  chars.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.rank === 4) return byteCompare(asciiLower(a.name), asciiLower(b.name));
    return byteCompare(a.name, b.name);
  });
  const seen = new Set();
  const hash = createHash('sha256');
  for (const ch of chars) {
    const key = `${ch.rank}\u0000${ch.rank === 4 ? asciiLower(ch.name) : ch.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let part;
    let value;
    switch (ch.rank) {
      case 0: [part, value] = ['ip', req.ip]; break;
      case 1: [part, value] = ['host', req.host]; break;
      case 2: [part, value] = ['method', req.method]; break;
      case 3: [part, value] = ['path', req.path]; break;
      case 4: [part, value] = ['header' + asciiLower(ch.name), headerValue(req.headers ?? [], ch.name)]; break;
      case 5: [part, value] = ['cookie' + ch.name, cookieValue(req.cookies ?? '', ch.name)]; break;
      case 6: [part, value] = ['query' + ch.name, new URLSearchParams(req.query ?? '').get(ch.name) ?? undefined]; break;
      default: [part, value] = ['userdefined' + ch.name, (req.extra ?? []).find(([k]) => k === ch.name)?.[1]];
    }
    if (!value) return { error: { tag: 'missing-characteristic', val: ch.c } };
    hash.update(part, 'utf8');
    hash.update(value, 'utf8');
  }
  return { fingerprint: `fp::2::${hash.digest('hex')}` };
}

/** A small deterministic PRNG (mulberry32) so a failing case can be replayed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
