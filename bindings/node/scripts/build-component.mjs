#!/usr/bin/env node
// Turns a core wasm module built from C++ (a reactor whose only imports are its WIT imports)
// into a WebAssembly component and transpiles it to ES modules for Node, with jco's JS API:
//
//   build-component.mjs <core.wasm> <wit file or dir> <world> <out-dir>
//                       [--name <file stem>] [--instantiation sync|async]
//                       [--import-bindings js|hybrid]
//
// Steps: componentEmbed (the WIT is passed as source text, never as a path), componentNew,
// transpile. No WASI adapter and no WASI shim: a module importing anything outside its world
// fails at componentNew. The transpiled module exports `instantiate(getCoreModule, imports)`;
// the caller supplies every WIT import (see src/index.js). Default instantiation is "sync"
// (the wrapper compiles the core modules once and instantiates synchronously). Import
// bindings "js" (default): imports are plain JS functions behind jco's trampolines; "hybrid"
// (what CMake builds for the wrapper): an import function that carries a
// Symbol.for('cabiLower') factory is wired in as the core-level function that factory returns
// (src/imports.js), others as with "js". jco 1.35's "optimized" and "direct-optimized" modes
// emit JavaScript that does not parse (a trampoline declared twice), so they are not offered.
//
// Output in <out-dir>, which is emptied first (only if empty or holding an earlier <name>.js):
// <name>.js, <name>.d.ts, interfaces/*.d.ts, <name>.core*.wasm, <name>.component.wasm
// (the component itself, for inspection and other runtimes), <name>.wit (the WIT source as
// one text, which the wrapper checks before calling the core exports directly) and
// <name>.build.json ({instantiation, importBindings}: how it was transpiled).
// Exits 0 on success; on failure prints "build-component: <message>" and exits 1.

import { realpathSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, transpile } from '@bytecodealliance/jco';

const USAGE =
  'usage: build-component.mjs <core.wasm> <wit file or dir> <world> <out-dir> ' +
  '[--name <stem>] [--instantiation sync|async] [--import-bindings js|hybrid]';

function parseArgs(argv) {
  const positional = [];
  const options = { name: undefined, instantiation: 'sync', 'import-bindings': 'js' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--name' || arg === '--instantiation' || arg === '--import-bindings') {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 4) throw new Error(USAGE);
  if (!['sync', 'async'].includes(options.instantiation)) {
    throw new Error('--instantiation must be sync or async');
  }
  if (!['js', 'hybrid'].includes(options['import-bindings'])) {
    throw new Error('--import-bindings must be js or hybrid');
  }
  const [wasm, wit, world, outDir] = positional;
  return {
    wasm, wit, world, outDir, name: options.name ?? world, instantiation: options.instantiation,
    importBindings: options['import-bindings'],
  };
}

// Reads the WIT as one source text. A directory holding one package in several files is
// joined into one text: its `package` declaration is kept once, at the top (WIT allows the
// declaration in every file of a package but only once per source text).
export async function readWitSource(witPath) {
  const info = await stat(witPath);
  if (!info.isDirectory()) return readFile(witPath, 'utf8');
  const names = (await readdir(witPath)).filter((n) => n.endsWith('.wit')).sort();
  if (names.length === 0) throw new Error(`no .wit files in ${witPath}`);
  const packageDecl = /^\s*package\s+([^;{]+);\s*$/m;
  let pkg;
  const bodies = [];
  for (const n of names) {
    const text = await readFile(path.join(witPath, n), 'utf8');
    const m = text.match(packageDecl);
    if (m) {
      const name = m[1].trim();
      if (pkg !== undefined && pkg !== name) {
        throw new Error(`${n}: package ${name} differs from ${pkg}`);
      }
      pkg = name;
    }
    bodies.push(`// ${n}\n${text.replace(packageDecl, '')}`);
  }
  return (pkg ? `package ${pkg};\n` : '') + bodies.join('\n');
}

// jco's generated runtime reads process.env.JCO_DEBUG on every internal debug-log call
// (dozens per component call); process.env is a slow host lookup, and this alone makes a
// small call ~3x slower. Read it once at load instead. Leaves the text alone if the
// pattern is absent (another jco version), so the output stays correct either way.
const DEBUG_CHECK = /^(\s*)const _debugLog = \(\.\.\.args\) => \{\n(\s*)if \(!globalThis\?\.process\?\.env\?\.JCO_DEBUG\) \{ return; \}/m;

export function hoistDebugCheck(js) {
  return js.replace(DEBUG_CHECK, (_, indent, inner) =>
    `${indent}const _jcoDebugEnabled = !!globalThis?.process?.env?.JCO_DEBUG;\n` +
    `${indent}const _debugLog = (...args) => {\n${inner}if (!_jcoDebugEnabled) { return; }`);
}

// Empties `outDir` for a fresh output, but only if it looks like an earlier output (holds
// `<name>.js`) or is empty: a mistyped path must not wipe an unrelated directory.
async function clearOutDir(outDir, name) {
  let entries;
  try {
    entries = await readdir(outDir);
  } catch (e) {
    if (e.code === 'ENOENT') return;
    throw e;
  }
  if (entries.length && !entries.includes(`${name}.js`)) {
    throw new Error(`refusing to empty ${outDir}: not empty and holds no ${name}.js`);
  }
  await rm(outDir, { recursive: true, force: true });
}

// Runs the three steps and writes the files. Returns the list of written paths.
export async function buildComponent({
  wasm, wit, world, outDir, name = world, instantiation = 'sync', importBindings = 'js',
}) {
  const core = new Uint8Array(await readFile(wasm));
  const witSource = await readWitSource(wit);
  const embedded = await componentEmbed({ binary: core, witSource, world, stringEncoding: 'utf8' });
  const component = await componentNew(embedded, undefined);
  const { files } = await transpile(component, {
    name,
    instantiation,
    importBindings,
    noTypescript: false,
    // Keep every core module a separate file: nothing inlined as base64.
    base64Cutoff: 0,
    quiet: true,
  });
  await clearOutDir(outDir, name);
  await mkdir(outDir, { recursive: true });
  const written = [];
  for (const [rel, bytes] of Object.entries(files)) {
    const dest = path.join(outDir, rel);
    await mkdir(path.dirname(dest), { recursive: true });
    const isMain = rel === `${name}.js`;
    await writeFile(dest, isMain ? hoistDebugCheck(Buffer.from(bytes).toString('utf8')) : bytes);
    written.push(dest);
  }
  // The WIT as one text: the wrapper checks it before calling the core exports directly
  // (src/direct.js).
  const witPath = path.join(outDir, `${name}.wit`);
  await writeFile(witPath, witSource);
  written.push(witPath);
  // How it was transpiled, for the wrapper (which import functions to pass).
  const buildPath = path.join(outDir, `${name}.build.json`);
  await writeFile(buildPath, `${JSON.stringify({ instantiation, importBindings })}\n`);
  written.push(buildPath);
  const componentPath = path.join(outDir, `${name}.component.wasm`);
  await writeFile(componentPath, component);
  written.push(componentPath);
  return written;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`build-component: ${e.message}\n`);
    process.exit(2);
  }
  try {
    await buildComponent(args);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`build-component: ${msg}\n`);
    process.exit(1);
  }
}

// Run as a script, not when imported (tests import buildComponent / readWitSource).
const invokedPath = process.argv[1] ? realpathSync(path.resolve(process.argv[1])) : '';
if (invokedPath === realpathSync(fileURLToPath(import.meta.url))) {
  await main();
}
