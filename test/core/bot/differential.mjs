// Differential test of the bot matcher against JavaScript's RegExp (ctest bot.differential):
// for every crawler-user-agents entry's own `instances` (and a few variations of them), the set
// of patterns `new RegExp(pattern).test(ua)` accepts must equal the set bot_diff_tool reports.
// Usage: node differential.mjs <bot_diff_tool> <crawler-user-agents.json>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const [tool, cuaFile] = process.argv.slice(2);
const entries = JSON.parse(fs.readFileSync(cuaFile, 'utf8'));
const regexes = entries.map((e) => new RegExp(e.pattern));

const uas = [];
for (const e of entries) {
  for (const ua of e.instances ?? []) {
    uas.push(ua, ua.toLowerCase(), ua.toUpperCase(), `x${ua}x`, ua.slice(1), ua.slice(0, -1));
  }
}
// Every UA is ASCII (checked), so JS code units and our bytes agree.
const ascii = uas.filter((ua) => /^[\x00-\x7f]*$/.test(ua));
const input = ascii.map((ua) => Buffer.from(ua, 'latin1').toString('hex')).join('\n') + '\n';
const run = spawnSync(tool, [], { input, maxBuffer: 1 << 28 });
if (run.status !== 0) {
  console.error(`bot_diff_tool failed: ${run.stderr}`);
  process.exit(1);
}
const lines = run.stdout.toString().split('\n');
let failures = 0;
let matches = 0;
ascii.forEach((ua, i) => {
  const ours = lines[i] ? lines[i].split(' ').map(Number) : [];
  const theirs = [];
  regexes.forEach((re, p) => { if (re.test(ua)) theirs.push(p); });
  matches += theirs.length;
  if (ours.join() !== theirs.join()) {
    if (++failures <= 20) {
      console.error(`MISMATCH ${JSON.stringify(ua)}\n  js:   ${theirs.map((p) => entries[p].pattern).join(' | ')}` +
                    `\n  ours: ${ours.map((p) => entries[p]?.pattern).join(' | ')}`);
    }
  }
});
console.log(`differential: ${ascii.length} user agents x ${regexes.length} patterns, ` +
            `${matches} pattern matches, ${failures} mismatches`);
process.exit(failures === 0 && ascii.length > 2000 ? 0 : 1);
