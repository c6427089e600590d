// scripts/build-component.mjs on a tiny hand-written module (test/fixtures/tiny.cc), so the
// pipeline is tested without the analysis module: embed + new + transpile, the reactor's
// _initialize, imports from the caller, the WIT error side, trap recovery, the JCO_DEBUG patch.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { hoistDebugCheck } from '../scripts/build-component.mjs';
import { PACKAGE_DIR } from './support.mjs';

const FIXTURES = path.join(PACKAGE_DIR, 'test', 'fixtures');
const SCRIPT = path.join(PACKAGE_DIR, 'scripts', 'build-component.mjs');
const CXX = process.env.WARDEN_WASM_CXX ?? 'clang++-19';
const haveCxx = spawnSync(CXX, ['--version']).status === 0;

describe('build-component', { skip: haveCxx ? false : `${CXX} not found` }, () => {
  let dir;
  let out;
  let instantiate;
  const cores = new Map();
  const getCore = (name) => {
    if (!cores.has(name)) cores.set(name, new WebAssembly.Module(readFileSync(path.join(out, name))));
    return cores.get(name);
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warden-pipeline-'));
    const wasm = path.join(dir, 'tiny.wasm');
    const cc = spawnSync(CXX, [
      '--target=wasm32-wasi', '-mexec-model=reactor', '-O2', '-fno-exceptions',
      '-Wl,--strip-debug', path.join(FIXTURES, 'tiny.cc'), '-o', wasm,
    ], { encoding: 'utf8' });
    assert.equal(cc.status, 0, cc.stderr);
    out = path.join(dir, 'out');
    // A directory of WIT files, to test joining them.
    const r = spawnSync(process.execPath, [SCRIPT, wasm, FIXTURES, 'tiny', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    ({ instantiate } = await import(pathToFileURL(path.join(out, 'tiny.js')).href));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the ES module, its types, the core modules and the component', () => {
    const files = readdirSync(out);
    for (const f of ['tiny.js', 'tiny.d.ts', 'tiny.core.wasm', 'tiny.component.wasm', 'interfaces']) {
      assert.ok(files.includes(f), `${f} in ${files}`);
    }
    assert.match(readFileSync(path.join(out, 'tiny.js'), 'utf8'), /const _jcoDebugEnabled = /);
  });

  test('runs _initialize, calls the caller’s imports, surfaces the WIT error side', () => {
    const logs = [];
    const root = instantiate(getCore, { 'test:tiny/logger': { log: (level, msg) => logs.push([level, msg]) } });
    assert.equal(root.greet('wörld'), 'hello wörld');
    assert.throws(() => root.greet(''), (e) => e.constructor.name === 'ComponentError' && e.payload === 'empty name');
    assert.deepEqual(logs, [['info', 'wörld'], ['info', '']]);
  });

  test('a trap poisons the instance; a new instance from the same modules works', () => {
    const imports = { 'test:tiny/logger': { log() {} } };
    const root = instantiate(getCore, imports);
    assert.throws(() => root.greet('trap'), WebAssembly.RuntimeError);
    assert.throws(() => root.greet('x'));
    assert.equal(instantiate(getCore, imports).greet('x'), 'hello x');
  });

  test('a module with an import outside its world is rejected', () => {
    const wasm = path.join(dir, 'wasi.wasm');
    const cc = spawnSync(CXX, ['--target=wasm32-wasi', '-mexec-model=reactor', '-O2', '-x', 'c++', '-', '-o', wasm], {
      input: '#include <cstdio>\nextern "C" __attribute__((export_name("greet"))) int greet(int a, int b) { return printf("%d", a + b); }\n',
      encoding: 'utf8',
    });
    assert.equal(cc.status, 0, cc.stderr);
    const r = spawnSync(process.execPath, [SCRIPT, wasm, path.join(FIXTURES, 'tiny.wit'), 'tiny', path.join(dir, 'bad')], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^build-component: /);
  });

  test('usage errors exit 2', () => {
    const r = spawnSync(process.execPath, [SCRIPT, 'only-one-arg'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage: build-component/);
  });

  test('the JCO_DEBUG patch leaves unknown text alone', () => {
    assert.equal(hoistDebugCheck('const x = 1;'), 'const x = 1;');
  });
});
