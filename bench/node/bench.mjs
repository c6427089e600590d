#!/usr/bin/env node
// The Node host's side of the benchmarks (docs/benchmarks.md): the same three calls as
// bench/engine_bench.cc (inputs as in bench/fixtures.cc), through the public wrapper of the
// jco-transpiled component, timed with a plain loop. Prints one JSON line per case:
//
//   {"host":"node","case":"generateFingerprint","ns_per_op":1234.5}
//
// Cases generateFingerprint / detectBot / validateEmail are what bench/run.mjs pairs with the
// wasm2c figures (the wrapper's direct Canonical ABI calls, docs/node.md); the "*.jco" cases
// call jco's generated export functions with WIT-shaped values (no wrapper), to show what
// jco's own glue costs. Each figure is the median of --repetitions runs of at
// least --min-time seconds. Exits 1 (message on stderr) when the component cannot be found.
//
//   node bench/node/bench.mjs [--component-dir <dir>] [--min-time <s>] [--repetitions <n>]
//
// The component is looked up in --component-dir, $WARDEN_NODE_COMPONENT_DIR,
// build/default/bindings/node/component, then the newest build/*/bindings/node/component.

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const opts = { componentDir: undefined, minTime: 0.3, repetitions: 3 };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--component-dir': opts.componentDir = path.resolve(next()); break;
      case '--min-time': opts.minTime = Number(next()); break;
      case '--repetitions': opts.repetitions = Math.max(1, Math.floor(Number(next()))); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!(opts.minTime > 0)) throw new Error('--min-time must be positive');
  return opts;
}

function findComponentDir(explicit) {
  const has = (d) => d && existsSync(path.join(d, 'analyzer.js'));
  if (explicit) return explicit;
  if (process.env.WARDEN_NODE_COMPONENT_DIR) return process.env.WARDEN_NODE_COMPONENT_DIR;
  const preferred = path.join(ROOT, 'build', 'default', 'bindings', 'node', 'component');
  if (has(preferred)) return preferred;
  const buildDir = path.join(ROOT, 'build');
  const candidates = existsSync(buildDir)
    ? readdirSync(buildDir)
        .map((b) => path.join(buildDir, b, 'bindings', 'node', 'component'))
        .filter(has)
        .sort((a, b) => statSync(path.join(b, 'analyzer.js')).mtimeMs - statSync(path.join(a, 'analyzer.js')).mtimeMs)
    : [];
  return candidates[0];
}

const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/124.0.0.0 Safari/537.36';
const COOKIES = 'session=3f1c9a7e2b; theme=dark';

// bench/fixtures.cc TypicalRequest().
const TYPICAL = {
  ip: '203.0.113.7',
  method: 'GET',
  protocol: 'https',
  host: 'example.com',
  path: '/api/items',
  headers: [
    ['Host', 'example.com'],
    ['User-Agent', BROWSER_UA],
    ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Accept-Encoding', 'gzip, deflate, br'],
    ['Referer', 'https://example.com/'],
    ['Cookie', COOKIES],
    ['Sec-Fetch-Mode', 'navigate'],
    ['Sec-Fetch-Site', 'same-origin'],
    ['Connection', 'keep-alive'],
  ],
  cookies: COOKIES,
  query: 'page=2&sort=asc',
  extra: [],
};
// bench/fixtures.cc MakeCurlRequest().
const CURL = {
  ip: '198.51.100.23',
  method: 'GET',
  protocol: 'http',
  host: 'example.com',
  path: '/',
  headers: [['Host', 'example.com'], ['User-Agent', 'curl/8.5.0'], ['Accept', '*/*']],
  cookies: '',
  query: '',
  extra: [],
};
const CHARACTERISTICS = ['ip.src', 'http.request.headers["user-agent"]'];
const EMAIL_CONFIG = { requireTopLevelDomain: true, allowDomainLiteral: false, deny: [] };

// ns per call of fn: the median over `repetitions` timed runs of >= minTime seconds each.
function measure(fn, { minTime, repetitions }) {
  for (let i = 0; i < 2000; i++) fn(); // warm up the JIT
  const runs = [];
  for (let r = 0; r < repetitions; r++) {
    let iterations = 0;
    let batch = 256;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    const budget = BigInt(Math.round(minTime * 1e9));
    while (elapsed < budget) {
      for (let i = 0; i < batch; i++) fn();
      iterations += batch;
      batch = Math.min(batch * 2, 65536);
      elapsed = process.hrtime.bigint() - start;
    }
    runs.push(Number(elapsed) / iterations);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

function check(label, r) {
  if (r === undefined || r.error) throw new Error(`${label} failed: ${JSON.stringify(r)}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = findComponentDir(opts.componentDir);
  if (!dir) throw new Error('no transpiled component found (build warden_node_component, or pass --component-dir)');
  process.env.WARDEN_NODE_COMPONENT_DIR = dir;
  process.stderr.write(`bench/node: component ${dir}\n`);
  const { createAnalyzer } = await import('../../bindings/node/src/index.js');
  const { loadComponent } = await import('../../bindings/node/src/component.js');
  const analyzer = await createAnalyzer({ componentDir: dir });

  // The transpiled exports with the WIT's own value shapes, for the *.jco cases.
  const noop = () => 'unknown';
  const iface = {
    'warden:analyze/logger': { log() {} },
    'warden:analyze/email-overrides': { isFree: noop, isDisposable: noop, hasMxRecords: noop, hasGravatar: noop },
    'warden:analyze/bot-overrides': { verify: () => 'unverifiable' },
  };
  const raw = (await loadComponent(dir)).instantiate(iface).root;
  const witEmail = {
    requireTopLevelDomain: true, allowDomainLiteral: false, rule: { tag: 'deny', val: [] }, allowDisplayName: false,
    requireAsciiLocalPart: false, allowEmptyLocalPart: false, allowTestDomain: false, ignoreLengthLimits: false,
    allowedTopLevelDomains: [],
  };

  const cases = [
    ['generateFingerprint', () => analyzer.generateFingerprint(TYPICAL, CHARACTERISTICS)],
    ['detectBot', () => analyzer.detectBot(CURL, { deny: ['CURL'] })],
    ['validateEmail', () => analyzer.validateEmail('alice@example.com', EMAIL_CONFIG)],
    ['generateFingerprint.jco', () => ({ fingerprint: raw.generateFingerprint(TYPICAL, CHARACTERISTICS) })],
    ['detectBot.jco', () => raw.detectBot(CURL, { tag: 'deny', val: ['CURL'] })],
    ['validateEmail.jco', () => raw.validateEmail('alice@example.com', witEmail)],
  ];
  for (const [name, fn] of cases) {
    check(name, fn()); // the first call is untimed and must succeed
    const ns = measure(fn, opts);
    process.stdout.write(`${JSON.stringify({ host: 'node', case: name, ns_per_op: Number(ns.toFixed(1)) })}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench/node: ${e.message}\n`);
  process.exit(1);
});
