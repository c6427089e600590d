// Shared by the email benchmarks (bench/email/{agreement,speed,run}.mjs;
// docs/email-benchmarks.md): where things are (the suites file, warden's build outputs),
// argument parsing, the suites loader, and the three classifiers' adapters — warden's Node
// package, Arcjet's module, validator.isEmail — each reduced to a function
// (address, options) -> 'valid' | 'invalid'. What the bot benchmarks use too lives in
// bench/lib/common.mjs and is re-exported here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import {
  ROOT, createWardenAnalyzer, findBuildOutput, formatPct, initializeArcjet, packageVersion as versionIn, readJsonLines,
  requirePackages,
} from '../../lib/common.mjs';

export { ROOT, UsageError, findBuildOutput, findComponentDir, findWarden, parseFlags } from '../../lib/common.mjs';
export { suiteOptions } from './suite_options.mjs';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The suites file: --data, $WARDEN_EMAIL_DATA, then ../shared/data/email/suites.jsonl beside
// the repository.
export function defaultDataFile() {
  return process.env.WARDEN_EMAIL_DATA || path.resolve(ROOT, '..', 'shared', 'data', 'email', 'suites.jsonl');
}

export const findEmailBench = (explicit) =>
  findBuildOutput(explicit, 'bench/email/email_bench', 'WARDEN_EMAIL_BENCH');

// Reads the suites file (JSON Lines). Returns null when it is absent.
export function loadSuites(file) {
  if (!existsSync(file)) return null;
  return readJsonLines(file);
}

// warden's email options after the first two (docs/email-validation.md, "Options").
export const WARDEN_EXTRA_OPTIONS = Object.freeze(['allowDisplayName', 'requireAsciiLocalPart', 'allowEmptyLocalPart',
  'allowTestDomain', 'ignoreLengthLimits', 'allowedTopLevelDomains']);

// warden's config for a row: the defaults (a top-level domain required, no domain literals, the
// other options off) overridden by `options` — the row's `options` (the options under which
// the suite's verdict holds, in warden's names), or suiteOptions(row). Rule `deny: []`: syntax
// only, no host import is asked.
export function wardenConfig(options) {
  const config = {
    requireTopLevelDomain: options?.requireTopLevelDomain ?? true,
    allowDomainLiteral: options?.allowDomainLiteral ?? false,
  };
  for (const key of WARDEN_EXTRA_OPTIONS) if (options && key in options) config[key] = options[key];
  config.deny = [];
  return config;
}


// warden through the Node package (bindings/node createAnalyzer). `validate(address, options)`
// returns the package's result object (or { error }) unchanged.
export async function loadWardenNode(componentDir) {
  const { analyzer, formatAnalysisError } = await createWardenAnalyzer(componentDir);
  const validate = (address, options) => analyzer.validateEmail(address, wardenConfig(options));
  return { validate, formatAnalysisError };
}

// Arcjet's defaults for its email rule (the SDK's validateEmail): a top-level domain required,
// no domain literals. `options` (the same two names) override them when given.
export const ARCJET_DEFAULTS = Object.freeze({ requireTopLevelDomain: true, allowDomainLiteral: false });

// Arcjet's module (@arcjet/analyze-wasm 1.13.0): isValidEmail(candidate, tagged config). The
// imports are stand-ins answering "unknown" / "unverifiable" / nothing; with `deny: []` the
// email-validator ones are not asked anyway.
export async function loadArcjet() {
  const module = await initializeArcjet(() => import('@arcjet/analyze-wasm'));
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

export const packageVersion = (name) => versionIn(HERE, name);

// Checks that bench/email/node_modules has the comparison packages; throws with the fix.
export const requireComparisonPackages = () => requirePackages(HERE, ['@arcjet/analyze-wasm', 'validator']);

export const pct = (n, d, digits = 1) => formatPct(n, d, digits);
