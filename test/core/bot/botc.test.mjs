// Unit tests of the bot compiler's regex subset (tools/botc): parsing, rejection with a clear
// error, finite expansion, required factors, search DFAs and the automaton (ctest bot.botc_unit).
import assert from 'node:assert/strict';
import test from 'node:test';

import { buildAutomaton, scan } from '../../../tools/botc/aho.mjs';
import { compilePattern } from '../../../tools/botc/compile.mjs';
import { buildDfa, runDfa } from '../../../tools/botc/dfa.mjs';
import { derivedId } from '../../../tools/botc/load.mjs';
import { BotcError, expand, parse, requiredFactors } from '../../../tools/botc/regex.mjs';

const bytes = (s) => [...Buffer.from(s, 'latin1')];
const text = (list) => list.map((b) => Buffer.from(b).toString('latin1')).sort();
const variants = (p) => {
  const { ast, ci } = parse(p);
  return expand(ast, ci).map((v) => `${v.bol ? '^' : ''}${Buffer.from(v.bytes).toString('latin1')}${v.eol ? '$' : ''}`).sort();
};
const matches = (p, s) => {
  const { ast } = parse(p);
  return runDfa(buildDfa(ast, p), bytes(s));
};

test('parses the supported subset', () => {
  for (const p of ['Googlebot\\/', '[wW]get', 'AdsBot-Google([^-]|$)', '(^| )sentry\\/',
    'Spider[\\s\\S]*spider\\.com', 'BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher', '(?i)^curl/',
    'a.b?c*d+', '(?:x|y)z', '[a-z0-9_.-]+', '\\x41\\u0042', 'a*?b', 'Unshorten\\.It\\!']) {
    assert.doesNotThrow(() => parse(p), p);
  }
});

test('rejects everything else naming the pattern', () => {
  for (const p of ['a{2}', 'a(?=b)', 'a(?!b)', '(?<n>a)', '(a)\\1', '\\bword', 'a**', '*a',
    '[abc', '(ab', 'ab)', '\\p{L}', '\\u00e9', '']) {
    assert.throws(() => parse(p), (e) => e instanceof BotcError && e.message.includes(JSON.stringify(p)), p);
  }
});

test('expands finite languages with anchors', () => {
  assert.deepEqual(variants('[wW]get'), ['Wget', 'wget']);
  assert.deepEqual(variants('(^| )sentry\\/'), [' sentry/', '^sentry/']);
  assert.deepEqual(variants('Ahrefs(Bot|SiteAudit)'), ['AhrefsBot', 'AhrefsSiteAudit']);
  assert.deepEqual(variants('(?i)Bot[xY]'), ['botx', 'boty']);
  assert.deepEqual(variants('x$'), ['x$']);
  assert.deepEqual(variants('a(^b|c)'), ['ac']);  // "^" after bytes cannot match
  const { ast, ci } = parse('a+');
  assert.equal(expand(ast, ci), null);
});

test('required factors', () => {
  const f = (p) => {
    const { ast, ci } = parse(p);
    return text(requiredFactors(ast, ci));
  };
  assert.deepEqual(f('BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher'), [' feed-fetcher']);
  assert.deepEqual(f('Spider[\\s\\S]*spider\\.com'), ['spider.com']);
  assert.deepEqual(f('(ab+c|de*f)'), ['a', 'd']);
  const { ast, ci } = parse('a*');
  assert.equal(requiredFactors(ast, ci), null);
});

test('search DFA follows RegExp.test', () => {
  const cases = [
    ['AdsBot-Google([^-]|$)', ['AdsBot-Google', 'xAdsBot-Google;', 'AdsBot-Google-M AdsBot-Google'],
      ['AdsBot-Google-Mobile', 'AdsBot-Googl']],
    ['^ab+c$', ['abc', 'abbbc'], ['xabc', 'abcx', 'ac']],
    ['(?i)x[0-9]+y', ['X12Y', 'aax1y'], ['xy', 'x1 y']],
    ['a.c', ['abc', 'a c'], ['a\nc', 'ac']],
    ['\\s\\S', [' x', '\tx'], ['  ', 'xx']],
  ];
  for (const [p, yes, no] of cases) {
    const re = new RegExp(p.replace('(?i)', ''), p.startsWith('(?i)') ? 'i' : '');
    for (const s of yes) assert.ok(matches(p, s) && re.test(s), `${p} ~ ${s}`);
    for (const s of no) assert.ok(!matches(p, s) && !re.test(s), `${p} !~ ${s}`);
  }
  assert.throws(() => buildDfa(parse('a*').ast, 'a*'), BotcError);
});

test('automaton finds overlapping keywords', () => {
  const a = buildAutomaton([bytes('he'), bytes('she'), bytes('his'), bytes('hers')]);
  const hits = [];
  scan(a, bytes('USHERS'), (k, end) => hits.push(`${k}@${end}`));
  assert.deepEqual(hits.sort(), ['0@4', '1@4', '3@6']);
});

test('compilePattern and derived IDs', () => {
  assert.equal(compilePattern('[wW]get').keywords.length, 2);
  assert.equal(compilePattern('(?i)wget').keywords[0].text, '');
  assert.ok(compilePattern('Spider[\\s\\S]*spider\\.com').dfa);
  assert.throws(() => compilePattern('a?'), BotcError);
  assert.equal(derivedId('Mediapartners (Googlebot)'), 'CUA:MEDIAPARTNERS_GOOGLEBOT');
  assert.equal(derivedId('???'), 'CUA:PATTERN');
});
