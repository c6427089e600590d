// Loads the jco-transpiled analyzer component (scripts/build-component.mjs output) and
// compiles its core modules, once per directory per process. Instantiation is then
// synchronous and cheap, so an Analyzer can replace a broken instance on the spot.

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The environment variable naming the component directory. */
export const COMPONENT_DIR_ENV = 'WARDEN_NODE_COMPONENT_DIR';

const WORLD = 'analyzer';
const cache = new Map();

/**
 * Where the component lives: `explicit` if given, else $WARDEN_NODE_COMPONENT_DIR, else
 * `dist/component` inside this package (where `npm run build:component` writes it).
 */
export function resolveComponentDir(explicit) {
  if (explicit) return path.resolve(explicit);
  const fromEnv = process.env[COMPONENT_DIR_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'component');
}

async function load(dir) {
  const entry = path.join(dir, `${WORLD}.js`);
  let mod;
  try {
    mod = await import(pathToFileURL(entry).href);
  } catch (e) {
    throw new Error(
      `warden: cannot load the analyzer component from ${dir} (build it with ` +
        `scripts/build-component.mjs, or set ${COMPONENT_DIR_ENV}): ${e.message}`,
      { cause: e },
    );
  }
  const cores = new Map();
  const names = (await readdir(dir)).filter((n) => /\.core\d*\.wasm$/.test(n));
  await Promise.all(
    names.map(async (n) => cores.set(n, await WebAssembly.compile(await readFile(path.join(dir, n))))),
  );
  const getCoreModule = (name) => {
    const m = cores.get(name);
    if (!m) throw new Error(`warden: core module ${name} missing in ${dir}`);
    return m;
  };
  let wit;
  try {
    wit = await readFile(path.join(dir, `${WORLD}.wit`), 'utf8');
  } catch {
    wit = undefined; // an older output: jco's generated functions only
  }
  let importBindings = 'js';
  try {
    importBindings = JSON.parse(await readFile(path.join(dir, `${WORLD}.build.json`), 'utf8')).importBindings;
  } catch {
    // an older output: jco's default ("js")
  }
  return { instantiate: (imports) => instantiateWithCore(mod, getCoreModule, imports), dir, wit, importBindings };
}

// jco's instantiate() with its `instantiateCore` hook recording the main core instance (the
// one exporting `cabi_realloc`): returns {root: jco's exports, core: that instance's exports}.
function instantiateWithCore(mod, getCoreModule, imports) {
  let core;
  const instantiateCore = (module, importObject) => {
    const instance = new WebAssembly.Instance(module, importObject);
    if (typeof instance.exports.cabi_realloc === 'function') core = instance.exports;
    return instance;
  };
  const root = mod.instantiate(getCoreModule, imports, instantiateCore);
  return { root, core };
}

/**
 * Resolves to `{instantiate(imports), dir, wit, importBindings}` for the component in `dir` (see
 * resolveComponentDir): `instantiate` returns `{root, core}`, jco's exports and the main core
 * instance's exports; `wit` is the component's WIT text when the output has one;
 * `importBindings` how jco was told to bind imports ('js' or 'hybrid', from
 * `analyzer.build.json`; 'js' when absent). Rejects if the directory holds no transpiled component.
 * Concurrent and repeated calls share one load.
 */
export function loadComponent(dir) {
  const resolved = resolveComponentDir(dir);
  let p = cache.get(resolved);
  if (!p) {
    p = load(resolved);
    p.catch(() => cache.delete(resolved));
    cache.set(resolved, p);
  }
  return p;
}
