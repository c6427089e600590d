// Shared by the email benchmarks (bench/email/{agreement,speed,run}.mjs;
// docs/email-benchmarks.md): where things are (the suites file, warden's build outputs),
// argument parsing, the suites loader, and the three classifiers' adapters — warden's Node
// package, Arcjet's module, validator.isEmail — each reduced to a function
// (address, options) -> 'valid' | 'invalid'.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(HERE, '..', '..');

export class UsageError extends Error {}

// The suites file: --data, $WARDEN_EMAIL_DATA, then ../shared/data/email/suites.jsonl beside
// the repository.
export function defaultDataFile() {
  return process.env.WARDEN_EMAIL_DATA || path.resolve(ROOT, '..', 'shared', 'data', 'email', 'suites.jsonl');
}

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
export const findEmailBench = (explicit) =>
  findBuildOutput(explicit, 'bench/email/email_bench', 'WARDEN_EMAIL_BENCH');

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

// Reads the suites file (JSON Lines). Returns null when it is absent.
export function loadSuites(file) {
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// warden's options for a row: the defaults (a top-level domain required, no domain literals)
// overridden by the row's `options`, the options under which the suite's verdict holds. Rule
// `deny: []`: syntax only, no host import is asked.
export function wardenConfig(options) {
  return {
    requireTopLevelDomain: options?.requireTopLevelDomain ?? true,
    allowDomainLiteral: options?.allowDomainLiteral ?? false,
    deny: [],
  };
}

// warden through the Node package (bindings/node createAnalyzer). `validate(address, options)`
// returns the package's result object (or { error }) unchanged.
export async function loadWardenNode(componentDir) {
  if (!componentDir || !existsSync(path.join(componentDir, 'analyzer.js'))) {
    throw new Error(`no transpiled component in ${componentDir ?? '(none found)'}: build warden_node_component`);
  }
  const mod = await import(path.join(ROOT, 'bindings', 'node', 'src', 'index.js'));
  const analyzer = await mod.createAnalyzer({ componentDir });
  const validate = (address, options) => analyzer.validateEmail(address, wardenConfig(options));
  return { validate, formatAnalysisError: mod.formatAnalysisError };
}

// Arcjet's defaults for its email rule (the SDK's validateEmail): a top-level domain required,
// no domain literals. `options` (the same two names) override them when given.
export const ARCJET_DEFAULTS = Object.freeze({ requireTopLevelDomain: true, allowDomainLiteral: false });

// Arcjet's module (@arcjet/analyze-wasm 1.13.0): isValidEmail(candidate, tagged config). The
// imports are stand-ins answering "unknown" / "unverifiable" / nothing; with `deny: []` the
// email-validator ones are not asked anyway.
export async function loadArcjet() {
  const { initializeWasm } = await import('@arcjet/analyze-wasm');
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
  const configOf = (options) => ({
    tag: 'deny-email-validation-config',
    val: { ...ARCJET_DEFAULTS, ...pick(options), deny: [] },
  });
  const defaultConfig = configOf({});
  const validate = (address, options) => module.isValidEmail(address, options ? configOf(options) : defaultConfig);
  return { validate, verdict: (address, options) => validate(address, options).validity };
}

function pick(options) {
  const out = {};
  for (const k of ['requireTopLevelDomain', 'allowDomainLiteral']) if (options && k in options) out[k] = options[k];
  return out;
}

// validator.isEmail at its defaults. It throws (URIError from encodeURI) on a string with an
// unpaired surrogate; that counts as "invalid" (the address is not accepted).
export async function loadValidator() {
  const { default: validator } = await import('validator');
  const isEmail = (address) => {
    try {
      return validator.isEmail(address);
    } catch {
      return false;
    }
  };
  return { isEmail, verdict: (address) => (isEmail(address) ? 'valid' : 'invalid') };
}

export function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// Checks that bench/email/node_modules has the comparison packages; throws with the fix.
export function requireComparisonPackages() {
  for (const name of ['@arcjet/analyze-wasm', 'validator']) {
    if (!existsSync(path.join(HERE, 'node_modules', name, 'package.json'))) {
      throw new Error(`${name} is not installed: run \`npm ci\` in bench/email`);
    }
  }
}

export const pct = (n, d, digits = 1) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(digits)} %`);
