// Helpers shared by the Node benchmark suites (bench/bots and bench/email; each suite's
// lib/common.mjs re-exports what it uses): where the repository and its build outputs are;
// the flag parser, its UsageError and the verdict scripts' common flags; a JSON Lines reader;
// the comparison packages' versions and presence in a suite's node_modules; warden's Node
// package; the stand-in imports Arcjet's module (@arcjet/analyze-wasm) is initialised with;
// and for the scripts, the error-to-exit-status frame, a batch runner for `warden eval`-style
// commands and the eval protocol's line for a Node-package result.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

// The repository root (this file is bench/lib/common.mjs).
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export class UsageError extends Error {}

// A build output: the explicit path, else $envName, else build/default/<rel>, else the newest
// build/*/<rel> that exists.
export function findBuildOutput(explicit, rel, envName) {
  if (explicit) return path.resolve(explicit);
  if (envName && process.env[envName]) return path.resolve(process.env[envName]);
  const buildDir = path.join(ROOT, 'build');
  const preferred = path.join(buildDir, 'default', rel);
  if (existsSync(preferred)) return preferred;
  if (!existsSync(buildDir)) return undefined;
  const found = readdirSync(buildDir)
    .map((b) => path.join(buildDir, b, rel))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0];
}

export const findWarden = (explicit) => findBuildOutput(explicit, 'tools/eval/warden', 'WARDEN_CLI');
export const findComponentDir = (explicit) =>
  findBuildOutput(explicit, 'bindings/node/component', 'WARDEN_NODE_COMPONENT_DIR');

// Minimal flag parser: spec maps '--flag' to [key, kind], kind 'string' | 'number' | 'bool'.
// Unknown flags and missing values throw UsageError.
export function parseFlags(argv, spec, defaults) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '-h' || flag === '--help') { opts.help = true; continue; }
    const entry = spec[flag];
    if (!entry) throw new UsageError(`unknown argument ${flag}`);
    const [key, kind] = entry;
    if (kind === 'bool') { opts[key] = true; continue; }
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    const value = argv[++i];
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number, got ${value}`);
      opts[key] = n;
    } else {
      opts[key] = value;
    }
  }
  return opts;
}

// The parseFlags spec of the flags every verdict script (accuracy, agreement) takes: the corpus
// or suites (--data), the warden CLI, the transpiled Node component and the JSON output.
export const VERDICT_FLAGS = Object.freeze({
  '--data': ['data', 'string'],
  '--warden': ['warden', 'string'],
  '--component-dir': ['componentDir', 'string'],
  '--json': ['json', 'string'],
});

// The records of a JSON Lines file, blank lines skipped.
export function readJsonLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// The version of package `name` in <suiteDir>/node_modules, or '?'.
export function packageVersion(suiteDir, name) {
  try {
    return JSON.parse(readFileSync(path.join(suiteDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// Checks that <suiteDir>/node_modules has every package of `names`; throws with the fix.
export function requirePackages(suiteDir, names) {
  for (const name of names) {
    if (!existsSync(path.join(suiteDir, 'node_modules', name, 'package.json'))) {
      throw new Error(`${name} is not installed: run \`npm ci\` in ${path.relative(ROOT, suiteDir)}`);
    }
  }
}

// warden's Node package (bindings/node createAnalyzer) over the transpiled component in
// componentDir. Returns { analyzer, formatAnalysisError }; throws when there is no component.
export async function createWardenAnalyzer(componentDir) {
  if (!componentDir || !existsSync(path.join(componentDir, 'analyzer.js'))) {
    throw new Error(`no transpiled component in ${componentDir ?? '(none found)'}: build warden_node_component`);
  }
  const mod = await import(path.join(ROOT, 'bindings', 'node', 'src', 'index.js'));
  const analyzer = await mod.createAnalyzer({ componentDir });
  return { analyzer, formatAnalysisError: mod.formatAnalysisError };
}

// Arcjet's module (@arcjet/analyze-wasm 1.13.0), imported from the calling suite's node_modules
// by `importArcjet` (a bare import() must resolve from the suite). The imports are stand-ins
// that answer "unknown" / "unverifiable" / nothing.
export async function initializeArcjet(importArcjet) {
  const { initializeWasm } = await importArcjet();
  const unknown = () => 'unknown';
  const imports = {
    'arcjet:js-req/bot-identifier': { detect: () => [] },
    'arcjet:js-req/email-validator-overrides': {
      isFreeEmail: unknown, isDisposableEmail: unknown, hasMxRecords: unknown, hasGravatar: unknown,
    },
    'arcjet:js-req/filter-overrides': { ipLookup: () => undefined },
    'arcjet:js-req/sensitive-information-identifier': { detect: (tokens) => tokens.map(() => undefined) },
    'arcjet:js-req/verify-bot': { verify: () => 'unverifiable' },
  };
  const module = await initializeWasm(imports);
  if (!module) throw new Error('@arcjet/analyze-wasm could not be initialised (no WebAssembly?)');
  return module;
}

// A percentage with `digits` decimals, or 'n/a' when d is 0.
export const formatPct = (n, d, digits) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(digits)} %`);

// Runs a script's async main(); on an error prints `<name>: <message>` and exits 1 (2, with
// the usage text, on a UsageError).
export function runMain(name, usage, main) {
  main().catch((e) => {
    console.error(`${name}: ${e.message}`);
    if (e instanceof UsageError) {
      console.error(usage);
      process.exit(2);
    }
    process.exit(1);
  });
}

// Runs cmd with `input` on stdin; returns its stdout lines (without a trailing empty one).
// Throws when it cannot start or exits non-zero.
export function runBatch(cmd, args, input, env = process.env) {
  const r = spawnSync(cmd, args, { input, env, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  const lines = r.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

// The eval protocol's output line (docs/eval.md) for the Node-package result call() returns:
// a thrown exception is `{ error: "engine: ..." }`, an analysis error is formatted with
// formatAnalysisError, a result is JSON.stringify(shape(result)).
export function evalResultLine(call, formatAnalysisError, shape = (r) => r) {
  let r;
  try {
    r = call();
  } catch (e) {
    return JSON.stringify({ error: `engine: ${e.message}` });
  }
  if ('error' in r) return JSON.stringify({ error: formatAnalysisError(r.error) });
  return JSON.stringify(shape(r));
}
