// The round trip through jco, the Canonical ABI's reference implementation: the same
// roundtrip.wasm the wasm2c tests use is componentized and transpiled by
// bindings/node/scripts/build-component.mjs, and every export is called from JS. This proves
// witgen's guest glue interoperates with an independent implementation of the ABI.
//
// Env: ROUNDTRIP_JS_DIR (the transpiled component, built by CMake), or else ROUNDTRIP_WASM (the
// core module) and ROUNDTRIP_OUT (a scratch directory) to transpile it here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const prebuilt = process.env.ROUNDTRIP_JS_DIR;
const wasm = process.env.ROUNDTRIP_WASM;
const out = prebuilt ?? process.env.ROUNDTRIP_OUT ?? path.join(repo, 'build/witgen-roundtrip-js');

const logged = [];
const imports = {
  // jco keys versioned interfaces without the version.
  'witgen:roundtrip/host': {
    hostEcho: (x) => x,
    hostString: (s) => s,
    hostShape: (s) => s,
    hostJoin: (j) => j,
    hostResult: (r) => {
      if (r.tag === 'ok') return r.val;
      throw Object.assign(new Error('err'), { payload: r.val });
    },
    hostList: (l) => l,
    hostLog: (m) => { logged.push(m); },
  },
  'witgen:roundtrip/types': {},
  'host-tick': { default: () => 0x1234567890abcdefn },
};

let instantiate;
async function fresh() {
  const getCoreModule = (name) => new WebAssembly.Module(readFileSync(path.join(out, name)));
  return instantiate(getCoreModule, imports);
}

let rt;
before(async () => {
  if (!prebuilt) {
    assert.ok(wasm, 'set ROUNDTRIP_JS_DIR, or ROUNDTRIP_WASM to roundtrip.wasm');
    const { buildComponent } = await import(
      pathToFileURL(path.join(repo, 'bindings/node/scripts/build-component.mjs')).href);
    await buildComponent({ wasm, wit: path.join(here, 'roundtrip.wit'), world: 'roundtrip', outDir: out });
  }
  ({ instantiate } = await import(pathToFileURL(path.join(out, 'roundtrip.js')).href));
  rt = await fresh();
});

const scalars = {
  b: true, u8v: 255, s8v: -128, u16v: 65535, s16v: -32768, u32v: 0xffffffff, s32v: -(2 ** 31),
  u64v: 2n ** 64n - 1n, s64v: -(2n ** 63n), f32v: 1.25, f64v: -9.5, c: '😀',
};

function manyFlags(set) {
  const f = {};
  for (let i = 0; i < 32; i++) f[`f${i}`] = set.includes(i);
  return f;
}

const big = {
  s: { ...scalars, b: false, c: 'ß' },
  name: 'big ✓',
  tags: ['', 'one', 'двa'],
  type: { x: -1, y: 2 },
  opt: 1n << 40n,
  shape: { tag: 'named', val: 'circle?' },
  color: 'blue',
  flags: manyFlags([1, 30]),
};

const shapes = [
  { tag: 'circle', val: 2.5 },
  { tag: 'rect', val: { x: 3, y: 4 } },
  { tag: 'empty' },
  { tag: 'named', val: 'ñamed' },
  { tag: 'pair', val: [7, -0.5] },
];

const joinies = [
  { tag: 'a', val: 0xdeadbeef },
  { tag: 'b', val: -1.75 },
  { tag: 'c', val: 0xfedcba9876543210n },
  { tag: 'd', val: 1e-300 },
  { tag: 'e', val: 'payload' },
  { tag: 'f' },
];

test('scalars', () => {
  assert.equal(rt.echoBool(true), true);
  assert.equal(rt.echoBool(false), false);
  for (const v of [0, 255, 7]) assert.equal(rt.echoU8(v), v);
  for (const v of [-128, 127, 0]) assert.equal(rt.echoS8(v), v);
  for (const v of [0, 65535]) assert.equal(rt.echoU16(v), v);
  for (const v of [-32768, 32767]) assert.equal(rt.echoS16(v), v);
  for (const v of [0, 0xffffffff]) assert.equal(rt.echoU32(v), v);
  for (const v of [-(2 ** 31), 2 ** 31 - 1]) assert.equal(rt.echoS32(v), v);
  for (const v of [0n, 2n ** 64n - 1n]) assert.equal(rt.echoU64(v), v);
  for (const v of [-(2n ** 63n), 2n ** 63n - 1n]) assert.equal(rt.echoS64(v), v);
  for (const v of [0, 1.5, -Infinity, Infinity]) assert.equal(rt.echoF32(v), v);
  for (const v of [0, 1e300, -2.5, Infinity]) assert.equal(rt.echoF64(v), v);
  assert.ok(Number.isNaN(rt.echoF32(NaN)));
  assert.ok(Number.isNaN(rt.echoF64(NaN)));
  for (const c of ['a', 'é', '€', '😀', '\u{10FFFF}']) assert.equal(rt.echoChar(c), c);
  const sum = Array.from({ length: 17 }, (_, w) => BigInt((w + 1) * 1000 + 7) * BigInt(w + 1))
    .reduce((a, b) => a + b, 0n);
  const args = Array.from({ length: 17 }, (_, w) => BigInt((w + 1) * 1000 + 7));
  assert.equal(rt.manyParams(...args), sum);
  assert.deepEqual(rt.echoScalars(scalars), scalars);
});

test('strings and lists', () => {
  for (const s of ['', 'hello', 'héllo wörld — ✓ 😀', 'x'.repeat(300000)]) {
    assert.equal(rt.echoString(s), s);
  }
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(rt.echoBytes(bytes), bytes);
  assert.deepEqual(rt.echoBytes(new Uint8Array()), new Uint8Array());
  assert.equal(rt.ops.countBytes(bytes), 256);
  const strings = ['', 'a', 'ü', 'z'.repeat(1000)];
  assert.deepEqual(rt.echoStrings(strings), strings);
  const nested = [[], [1], [2, 3, 0xffffffff]].map((a) => Uint32Array.from(a));
  assert.deepEqual(rt.echoNested(nested), nested);
  const pairs = [['', ''], ['user-agent', 'curl/8.4.0'], ['ü', 'v'.repeat(100)]];
  assert.deepEqual(rt.echoPairs(pairs), pairs);
  assert.deepEqual(rt.echoPairs([]), []);
});

test('records, tuples, options, results', () => {
  assert.deepEqual(rt.ops.add({ x: 1, y: -2 }, { x: 10, y: 20 }), { x: 11, y: 18 });
  assert.deepEqual(rt.echoTuple(['tuple', 200, -1.5]), ['tuple', 200, -1.5]);
  assert.deepEqual(rt.echoBig(big), big);
  assert.equal(rt.echoOption(undefined), undefined);
  assert.equal(rt.echoOption(''), '');
  assert.equal(rt.echoOption('some'), 'some');
  assert.equal(rt.echoOptionU64(undefined), undefined);
  assert.equal(rt.echoOptionU64(2n ** 64n - 1n), 2n ** 64n - 1n);
  assert.equal(rt.echoResult({ tag: 'ok', val: 'fine' }), 'fine');
  assert.throws(() => rt.echoResult({ tag: 'err', val: 404 }), (e) => e.payload === 404);
  assert.equal(rt.echoResultOk({ tag: 'ok', val: 'x' }), 'x');
  assert.throws(() => rt.echoResultOk({ tag: 'err', val: undefined }));
  assert.equal(rt.echoResultErr({ tag: 'ok', val: undefined }), undefined);
  assert.throws(() => rt.echoResultErr({ tag: 'err', val: 'bad' }), (e) => e.payload === 'bad');
  assert.equal(rt.echoResultNone({ tag: 'ok', val: undefined }), undefined);
  assert.throws(() => rt.echoResultNone({ tag: 'err', val: undefined }));
});

test('variants, enums, flags', () => {
  for (const s of shapes) assert.deepEqual(rt.echoShape(s), s);
  for (const j of joinies) assert.deepEqual(rt.echoJoiny(j), j);
  for (const c of ['red', 'green', 'blue']) assert.equal(rt.echoColor(c), c);
  for (const f of [{ a: false, b: false, c: false }, { a: true, b: false, c: true }]) {
    assert.deepEqual(rt.echoSmallFlags(f), f);
  }
  for (const f of [manyFlags([]), manyFlags([0, 15, 31])]) assert.deepEqual(rt.echoManyFlags(f), f);
});

test('through host imports', () => {
  assert.deepEqual(rt.viaHost(big), big);
  assert.equal(rt.viaHostString(''), '');
  assert.equal(rt.viaHostString('über'), 'über');
  for (const s of shapes) assert.deepEqual(rt.viaHostShape(s), s);
  for (const j of joinies) assert.deepEqual(rt.viaHostJoin(j), j);
  assert.equal(rt.viaHostResult({ tag: 'ok', val: 'ok' }), 'ok');
  assert.throws(() => rt.viaHostResult({ tag: 'err', val: 7 }), (e) => e.payload === 7);
  const l = [[], ['a', ''], ['ü', 'x', 'yz']];
  assert.deepEqual(rt.viaHostList(l), l);
  assert.equal(rt.logAndTick('logged ✓'), 0x1234567890abcdefn);
  assert.deepEqual(logged, ['logged ✓']);
});

test('jco calls cabi_post after every export', () => {
  const before = rt.postReturns();
  rt.echoString('x');
  rt.echoU8(1);
  assert.equal(rt.postReturns(), before + 3);
});

test('a guest trap throws', async () => {
  const inst = await fresh();
  assert.throws(() => inst.trap(), WebAssembly.RuntimeError);
});
