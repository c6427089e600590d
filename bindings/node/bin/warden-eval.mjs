#!/usr/bin/env node
// warden-eval <function>: the Node mirror of `warden eval <function>` (docs/eval.md).
// Reads JSON lines on stdin, writes one JSON line per non-blank input line on stdout,
// byte-identical to the C++ tool. Exit status: 0 at the end of input, 2 on a usage error
// (usage on stderr), 1 when the analyzer cannot be created (message on stderr).
// `--engine node` is accepted (and is the only engine) so drivers can pass the same flags.

import process from 'node:process';
import { createAnalyzer } from '../src/index.js';
import { overrideImports } from '../src/eval/overrides.js';
import { FUNCTIONS, evalLine } from '../src/eval/protocol.js';

const USAGE = `usage: warden-eval <function> [--engine node]
functions: ${FUNCTIONS.join(', ')}
Reads one JSON object per line on stdin and writes one JSON object per line on stdout.
The component is loaded from $WARDEN_NODE_COMPONENT_DIR (default: dist/component).
`;

function usage(message) {
  if (message) process.stderr.write(`warden-eval: ${message}\n`);
  process.stderr.write(USAGE);
  process.exit(2);
}

function parseArgs(argv) {
  let fn;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engine') {
      if (argv[i + 1] !== 'node') usage(`unknown engine ${JSON.stringify(argv[i + 1] ?? '')}`);
      i++;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (fn === undefined && !a.startsWith('-')) {
      fn = a;
    } else {
      usage(`unexpected argument ${JSON.stringify(a)}`);
    }
  }
  if (fn === undefined) usage('missing function');
  if (!FUNCTIONS.includes(fn)) usage(`unknown function ${JSON.stringify(fn)}`);
  return fn;
}

// Blank: empty, or only spaces, tabs and carriage returns.
function isBlank(bytes) {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function handle(analyzer, fn, bytes) {
  if (isBlank(bytes)) return;
  let out;
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    out = '{"error":"malformed JSON"}';
  }
  if (out === undefined) out = evalLine(analyzer, fn, text);
  process.stdout.write(`${out}\n`);
}

async function main() {
  const fn = parseArgs(process.argv.slice(2));
  let analyzer;
  try {
    analyzer = await createAnalyzer(overrideImports());
  } catch (e) {
    process.stderr.write(`warden-eval: ${e.message}\n`);
    process.exit(1);
  }
  let pending = Buffer.alloc(0);
  for await (const chunk of process.stdin) {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      handle(analyzer, fn, buf.subarray(start, nl));
      start = nl + 1;
    }
    pending = Buffer.from(buf.subarray(start));
  }
  if (pending.length) handle(analyzer, fn, pending);
}

await main();
