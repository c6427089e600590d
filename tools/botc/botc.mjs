#!/usr/bin/env node
// botc — the bot-table compiler (docs/bot-detection.md). Run by CMake at configure time:
//   node tools/botc/botc.mjs --cua <crawler-user-agents.json> --protocol <well-known-bots.js>
//        --overlay <overlay.json> --out <bot_tables.cc> [--symbol <function name>]
// Reads the pinned crawler-user-agents patterns, @arcjet/protocol's ID ↔ category facts and the
// project's overlay, and writes a C++ source with the matcher tables. Exits 1 with a message
// naming the offending pattern or entry on any error; the output is only replaced when changed.

import fs from 'node:fs';
import path from 'node:path';

import { compileRules } from './compile.mjs';
import { emitCpp } from './emit.mjs';
import { loadCategories, loadRules } from './load.mjs';
import { BotcError } from './regex.mjs';

// The categories core/bot/catalog.h knows, bit i = i-th name.
const kCategories = [
  'ACADEMIC', 'ADVERTISING', 'AI', 'AMAZON', 'APPLE', 'ARCHIVE', 'BOTNET', 'FEEDFETCHER',
  'GOOGLE', 'META', 'MICROSOFT', 'MONITOR', 'OPTIMIZER', 'PREVIEW', 'PROGRAMMATIC',
  'SEARCH_ENGINE', 'SLACK', 'SOCIAL', 'TOOL', 'UNKNOWN', 'VERCEL', 'WEBHOOK', 'YAHOO',
].map((n) => `CATEGORY:${n}`);

function parseArgs(argv) {
  const args = { symbol: 'BotTables' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['cua', 'protocol', 'overlay', 'out', 'symbol'].includes(key) || argv[i + 1] === undefined) {
      throw new BotcError(`usage: botc --cua F --protocol F --overlay F --out F [--symbol NAME]`);
    }
    args[key] = argv[i + 1];
  }
  for (const k of ['cua', 'protocol', 'overlay', 'out']) {
    if (!args[k]) throw new BotcError(`missing --${k}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const protocol = await loadCategories(args.protocol);
  if (protocol.names.join() !== kCategories.join()) {
    throw new BotcError(`${args.protocol}: the published categories changed ` +
                        `(${protocol.names.join(', ')}); update core/bot/catalog.h and botc.mjs`);
  }
  const { rules } = loadRules(args.cua, args.overlay);
  const model = compileRules(rules, protocol);
  const inputs = [args.cua, args.protocol, args.overlay].map((f) => path.basename(f));
  const text = emitCpp(model, { symbol: args.symbol, inputs });
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  const old = fs.existsSync(args.out) ? fs.readFileSync(args.out, 'utf8') : null;
  if (old !== text) fs.writeFileSync(args.out, text);
  const a = model.automaton;
  process.stdout.write(`botc: ${model.patterns.length} patterns (${model.regexes.length} regex), ` +
                       `${model.keywords.length} keywords, ${a.states} automaton states in ` +
                       `${a.size} slots, ${model.ids.length} IDs -> ${args.out}\n`);
}

main().catch((e) => {
  process.stderr.write(`botc: error: ${e instanceof BotcError ? e.message : e.stack}\n`);
  process.exit(1);
});
