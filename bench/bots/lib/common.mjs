// Shared by the bot benchmarks (bench/bots/{accuracy,speed,run}.mjs; docs/bot-benchmarks.md):
// where things are (corpus, warden build outputs), argument parsing, the corpus loader, and
// the three classifiers' adapters — warden's Node package, Arcjet's module, isbot — each
// reduced to one function ua -> { bot, ids } with the same config meaning: every detected bot
// is denied (`allow: []`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(HERE, '..', '..');

// The evaluation corpus: --data, $WARDEN_BOT_DATA, then ../shared/data/bots beside the repo.
export function defaultDataDir() {
  return process.env.WARDEN_BOT_DATA || path.resolve(ROOT, '..', 'shared', 'data', 'bots');
}

// A build output: the explicit path, else <build>/<rel> for build/default, then the newest
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
export const findBotSpeed = (explicit) => findBuildOutput(explicit, 'bench/bots/bot_speed', 'WARDEN_BOT_SPEED');

// Minimal flag parser: spec maps '--flag' to [key, kind] with kind 'string' | 'number' |
// 'bool'. Unknown flags and missing values throw.
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

export class UsageError extends Error {}

// Reads <dir>/bots.jsonl and <dir>/humans.jsonl. Returns null when either is absent.
export function loadCorpus(dir) {
  const files = { bots: path.join(dir, 'bots.jsonl'), humans: path.join(dir, 'humans.jsonl') };
  if (!existsSync(files.bots) || !existsSync(files.humans)) return null;
  const read = (file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  return { bots: read(files.bots), humans: read(files.humans), files };
}

// IDs out of a result's allowed/denied lists (categories dropped, order kept, no repeats).
export function idsOf(result) {
  const ids = [];
  for (const x of [...result.denied, ...result.allowed]) {
    if (!x.startsWith('CATEGORY:') && !ids.includes(x)) ids.push(x);
  }
  return ids;
}

// warden through the Node package (bindings/node createAnalyzer). Returns the analyzer, its
// request builder and the error formatter the eval protocol uses.
export async function loadWardenNode(componentDir) {
  if (!componentDir || !existsSync(path.join(componentDir, 'analyzer.js'))) {
    throw new Error(`no transpiled component in ${componentDir ?? '(none found)'}: build warden_node_component`);
  }
  const mod = await import(path.join(ROOT, 'bindings', 'node', 'src', 'index.js'));
  const analyzer = await mod.createAnalyzer({ componentDir });
  const config = { allow: [] };
  const detect = (ua) => analyzer.detectBot({ headers: [['User-Agent', ua]] }, config);
  return { detect, formatAnalysisError: mod.formatAnalysisError };
}

// Arcjet's module (@arcjet/analyze-wasm 1.13.0). It takes the request as a JSON string (the
// shape its SDK sends: lower-case header names) and a tagged config; `allowed-bot-config`
// with no entities denies every detected bot. skipCustomDetect: no JS-side detector is
// consulted. The imports are stand-ins that answer "unknown" / "unverifiable" / nothing.
export async function loadArcjet() {
  const { initializeWasm } = await import('@arcjet/analyze-wasm');
  const imports = {
    'arcjet:js-req/bot-identifier': { detect: () => [] },
    'arcjet:js-req/email-validator-overrides': {
      isFreeEmail: () => 'unknown',
      isDisposableEmail: () => 'unknown',
      hasMxRecords: () => 'unknown',
      hasGravatar: () => 'unknown',
    },
    'arcjet:js-req/filter-overrides': { ipLookup: () => undefined },
    'arcjet:js-req/sensitive-information-identifier': { detect: (tokens) => tokens.map(() => undefined) },
    'arcjet:js-req/verify-bot': { verify: () => 'unverifiable' },
  };
  const module = await initializeWasm(imports);
  if (!module) throw new Error('@arcjet/analyze-wasm could not be initialised (no WebAssembly?)');
  const config = { tag: 'allowed-bot-config', val: { entities: [], skipCustomDetect: true } };
  const detect = (ua) => module.detectBot(JSON.stringify({ headers: { 'user-agent': ua } }), config);
  return { detect };
}

// isbot (current release, pinned in package-lock.json): a boolean, no IDs.
export async function loadIsbot() {
  const { isbot } = await import('isbot');
  return { detect: (ua) => isbot(ua) };
}

export function packageVersion(name) {
  try {
    const pkg = JSON.parse(readFileSync(path.join(HERE, 'node_modules', name, 'package.json'), 'utf8'));
    return pkg.version;
  } catch {
    return '?';
  }
}

// Checks that bench/bots/node_modules has the comparison packages; throws with the fix.
export function requireComparisonPackages() {
  for (const name of ['@arcjet/analyze-wasm', 'isbot']) {
    if (!existsSync(path.join(HERE, 'node_modules', name, 'package.json'))) {
      throw new Error(`${name} is not installed: run \`npm ci\` in bench/bots`);
    }
  }
}

export const pct = (n, d, digits = 2) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(digits)} %`);
