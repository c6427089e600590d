#!/usr/bin/env node
// warden benchmark driver: runs the C++ benchmark binary (engine_bench) and the Node host's
// benchmark (bench/node/bench.mjs) in one run and prints ratios measured in that run:
//
//   - the sandbox's cost: wasm2c engine / native engine, per case (fingerprint target <= 1.3x);
//   - the bare host<->guest call: ns per scalar echo through the wasm2c glue vs a native call;
//   - the Node host (jco) vs the wasm2c host, per case.
//
// Benchmarks report, tests assert: the exit status is 0 whether or not a target is met. It is
// non-zero only when the benchmark binary itself cannot be run or its output cannot be read.
// No dependencies beyond Node >= 20. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FINGERPRINT_TARGET = 1.3;

const USAGE = `usage: node bench/run.mjs --bench <engine_bench> [options]
  --bench <path>        the engine_bench binary (default: build/default/bench/engine_bench)
  --node-bench <path>   the Node host's benchmark (default: bench/node/bench.mjs)
  --no-node             skip the Node host
  --repetitions <n>     repetitions of each benchmark, C++ and Node; the median is used (default 3)
  --min-time <s>        minimum seconds per repetition, C++ and Node (default 0.2)
  --filter <regex>      --benchmark_filter for the C++ binary (default: all)
  --time cpu|real       which C++ figure the sandbox and bare-call tables use (default cpu:
                        steadier on a busy machine); the Node table always compares wall-clock
  --component-dir <dir> passed to the Node benchmark (the jco-transpiled component)
  --json <path>         also write the figures of this run as JSON
  -h, --help            this text`;

function parseArgs(argv) {
  const opts = {
    bench: resolve(HERE, '..', 'build', 'default', 'bench', 'engine_bench'),
    nodeBench: join(HERE, 'node', 'bench.mjs'),
    node: true,
    repetitions: 3,
    minTime: 0.2,
    filter: null,
    time: 'cpu',
    componentDir: null,
    json: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value\n${USAGE}`);
      return argv[++i];
    };
    switch (arg) {
      case '--bench': opts.bench = resolve(next()); break;
      case '--node-bench': opts.nodeBench = resolve(next()); break;
      case '--no-node': opts.node = false; break;
      case '--repetitions': opts.repetitions = Math.max(1, Math.floor(positiveNumber(arg, next()))); break;
      case '--min-time': opts.minTime = positiveNumber(arg, next()); break;
      case '--filter': opts.filter = next(); break;
      case '--time': opts.time = next(); break;
      case '--component-dir': opts.componentDir = resolve(next()); break;
      case '--json': opts.json = resolve(next()); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: fail(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (opts.time !== 'cpu' && opts.time !== 'real') fail(`--time wants cpu or real, got ${opts.time}`);
  return opts;
}

function positiveNumber(name, text) {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} wants a positive number, got ${text}`);
  return n;
}

function fail(message) {
  console.error(`run.mjs: ${message}`);
  process.exit(2);
}

const NS_PER_UNIT = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

// Runs engine_bench with JSON output. Returns {context, cpu, real: Map<name, ns>, errors}.
function runCpp(opts) {
  if (!existsSync(opts.bench)) fail(`benchmark binary not found: ${opts.bench} (build target engine_bench)`);
  const args = ['--benchmark_format=json', `--benchmark_min_time=${opts.minTime}`];
  if (opts.repetitions > 1) {
    args.push(`--benchmark_repetitions=${opts.repetitions}`, '--benchmark_report_aggregates_only=true');
  }
  if (opts.filter) args.push(`--benchmark_filter=${opts.filter}`);
  console.error(`running ${opts.bench} ${args.join(' ')}`);
  const run = spawnSync(opts.bench, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.error) fail(`cannot run ${opts.bench}: ${run.error.message}`);
  if (run.status !== 0) fail(`${opts.bench} exited with ${run.status ?? run.signal}`);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch (e) {
    fail(`cannot parse the output of ${opts.bench}: ${e.message}`);
  }
  return collectCpp(report, opts.repetitions > 1);
}

// Keeps one CPU-time and one wall-clock figure (ns per iteration) per benchmark: the median
// aggregate when there are repetitions, else the single run.
function collectCpp(report, aggregated) {
  const cpu = new Map();
  const real = new Map();
  const errors = new Map();
  for (const b of report.benchmarks ?? []) {
    const name = b.run_name ?? b.name;
    if (b.error_occurred) {
      errors.set(name, b.error_message ?? 'error');
      continue;
    }
    if (aggregated ? b.aggregate_name !== 'median' : b.run_type === 'aggregate') continue;
    const unit = NS_PER_UNIT[b.time_unit] ?? 1;
    cpu.set(name, b.cpu_time * unit);
    real.set(name, b.real_time * unit);
  }
  return { context: report.context ?? {}, cpu, real, errors };
}

// Runs the Node host's benchmark. Returns {times: Map<case, ns>, note} (note says why empty).
function runNode(opts) {
  if (!opts.node) return { times: new Map(), note: 'skipped (--no-node)' };
  if (!existsSync(opts.nodeBench)) return { times: new Map(), note: `not found: ${opts.nodeBench}` };
  console.error(`running node ${opts.nodeBench}`);
  const args = [opts.nodeBench, '--min-time', String(opts.minTime), '--repetitions', String(opts.repetitions)];
  if (opts.componentDir) args.push('--component-dir', opts.componentDir);
  const run = spawnSync(process.execPath, args, {
    encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.error) return { times: new Map(), note: `cannot run: ${run.error.message}` };
  const times = new Map();
  for (const line of run.stdout.split('\n')) {
    if (!line.trimStart().startsWith('{')) continue;
    let row;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    if (row.host === 'node' && typeof row.case === 'string' && Number.isFinite(row.ns_per_op)) {
      times.set(row.case, row.ns_per_op);
    }
  }
  const note = run.status !== 0 ? `exited with ${run.status ?? run.signal}` : times.size === 0 ? 'printed no figures' : null;
  return { times, note };
}

// Each analysed case, its C++ benchmark base name and the Node case that matches it.
const CASES = [
  { label: 'fingerprint, minimal request', cpp: 'BM_Fingerprint_Minimal' },
  { label: 'fingerprint, typical request', cpp: 'BM_Fingerprint_Typical', node: 'generateFingerprint', target: FINGERPRINT_TARGET },
  { label: 'fingerprint, large request', cpp: 'BM_Fingerprint_Large' },
  { label: 'detect-bot, curl, deny [CURL]', cpp: 'BM_DetectBot_Curl', node: 'detectBot' },
  { label: 'validate-email, alice@example.com', cpp: 'BM_ValidateEmail_Plain', node: 'validateEmail' },
];
const BARE_CALLS = [
  { label: 'echo u32', cpp: 'BM_BareCall_U32' },
  { label: 'echo bool', cpp: 'BM_BareCall_Bool' },
];

const fmtNs = (ns) => (ns === undefined ? 'n/a' : ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
const fmtRatio = (r) => (r === undefined ? 'n/a' : `${r.toFixed(2)}x`);
const ratio = (a, b) => (a === undefined || b === undefined || b <= 0 ? undefined : a / b);

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function report(opts, cpp, node) {
  const t = (name) => cpp[opts.time].get(name);
  const wall = (name) => cpp.real.get(name);
  const figures = { sandbox: [], bareCall: [], nodeVsWasm2c: [] };
  const ctx = cpp.context;
  console.log(`\nwarden benchmarks  ${ctx.date ?? new Date().toISOString()}  host ${ctx.host_name ?? '?'}, ` +
    `${ctx.num_cpus ?? '?'} CPUs @ ${ctx.mhz_per_cpu ?? '?'} MHz, ` +
    `load ${(ctx.load_avg ?? []).map((l) => l.toFixed(2)).join(' ') || '?'}, ` +
    `${opts.repetitions > 1 ? `median of ${opts.repetitions} repetitions` : 'one repetition'}, ${opts.time === 'cpu' ? 'CPU' : 'wall-clock'} ns per call`);
  if (ctx.library_build_type === 'debug') console.log('note: Google Benchmark library is a debug build');
  if (ctx.cpu_scaling_enabled) console.log('note: CPU frequency scaling is enabled; figures are noisier');

  const sandboxRows = CASES.map((c) => {
    const native = t(`${c.cpp}/native`);
    const wasm2c = t(`${c.cpp}/wasm2c`);
    const r = ratio(wasm2c, native);
    let verdict = '';
    if (c.target !== undefined) {
      verdict = r === undefined ? `target <= ${c.target}x: n/a` : `target <= ${c.target}x: ${r <= c.target ? 'target met' : 'target missed'}`;
    }
    figures.sandbox.push({ case: c.cpp, native_ns: native, wasm2c_ns: wasm2c, ratio: r, target: c.target });
    return [c.label, fmtNs(native), fmtNs(wasm2c), fmtRatio(r), verdict];
  });
  console.log('\nSandbox cost: wasm2c engine vs native engine (same call, same run)\n');
  console.log(table(['case', 'native ns', 'wasm2c ns', 'wasm2c/native', ''], sandboxRows));

  // Tiers of one scalar echo: native call; the translated export called directly (raw); the
  // same inside warden_rt_invoke (trap recovery); the full generated host glue (what every
  // export call pays). Overhead = full glue − native.
  const bareRows = BARE_CALLS.map((c) => {
    const native = t(`${c.cpp}/native`);
    const raw = t(`${c.cpp}/wasm2c_raw`);
    const invoke = t(`${c.cpp}/wasm2c_invoke`);
    const wasm2c = t(`${c.cpp}/wasm2c`);
    const overhead = native === undefined || wasm2c === undefined ? undefined : wasm2c - native;
    figures.bareCall.push({ case: c.cpp, native_ns: native, wasm2c_raw_ns: raw, wasm2c_invoke_ns: invoke, wasm2c_ns: wasm2c, overhead_ns: overhead });
    return [c.label, fmtNs(native), fmtNs(raw), fmtNs(invoke), fmtNs(wasm2c), fmtNs(overhead)];
  });
  console.log('\nBare host<->guest call: one scalar echo (round-trip test module)\n');
  console.log(table(['call', 'native ns', 'raw export ns', 'in rt_invoke ns', 'host glue ns', 'overhead ns'], bareRows));
  console.log('(raw export: translated function called directly; in rt_invoke: the same inside trap recovery;\n' +
    ' host glue: the generated wasm2c::Instance method, what every export call pays; overhead = host glue - native)');

  // Each Node case against the wasm2c host, wall-clock on both sides (Node times with
  // process.hrtime). `<case>.jco` rows, when the Node benchmark prints them, are the transpiled
  // exports called without the package's wrapper.
  const nodeRows = [];
  for (const c of CASES.filter((x) => x.node)) {
    const wasm2c = wall(`${c.cpp}/wasm2c`);
    for (const name of [c.node, `${c.node}.jco`]) {
      const nodeNs = node.times.get(name);
      if (nodeNs === undefined && name !== c.node) continue;
      const r = ratio(nodeNs, wasm2c);
      figures.nodeVsWasm2c.push({ case: name, node_ns: nodeNs, wasm2c_ns: wasm2c, ratio: r });
      nodeRows.push([name, fmtNs(nodeNs), fmtNs(wasm2c), fmtRatio(r)]);
    }
  }
  console.log('\nNode host (jco) vs wasm2c host (same calls, same run, wall-clock)\n');
  console.log(table(['case', 'node ns', 'wasm2c ns', 'node/wasm2c'], nodeRows));
  if (node.note) console.log(`note: Node benchmark ${node.note}`);

  for (const [name, message] of cpp.errors) console.log(`error: ${name}: ${message}`);
  return figures;
}

const opts = parseArgs(process.argv.slice(2));
const cpp = runCpp(opts);
const node = runNode(opts);
const figures = report(opts, cpp, node);
if (opts.json) {
  const errors = Object.fromEntries(cpp.errors);
  writeFileSync(opts.json, JSON.stringify({ context: cpp.context, ...figures, errors, node_note: node.note }, null, 2) + '\n');
}
process.exit(0);
