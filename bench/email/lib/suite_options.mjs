// The email suites' own options (suites.jsonl `suite_options`) in warden's terms, for judging
// each row under the options its suite ran it with (docs/email-benchmarks.md, "Judging
// modes"). No dependencies: test/core/email/suites_agreement.mjs imports it too.

// The suite's own options of a row (`suite_options`) translated to warden's equivalents, over
// the row's `options` (docs/email-benchmarks.md, "Judging modes"). Suite options without an
// equivalent are left out, so warden runs at its defaults for them:
// python-email-validator's allow_quoted_local (warden always accepts quoted local parts),
// check_deliverability (DNS; syntax only here) and strict; isemail's errorlevel / threshold.
// hapi's allowUnicode: false refuses internationalised domains too; requireAsciiLocalPart only
// non-ASCII local parts (an IDN domain is sent in A-label form).
export function suiteOptions(row) {
  const so = row.suite_options ?? {};
  const out = {};
  if (row.source.startsWith('pyev:')) {
    if (so.allow_display_name === true) out.allowDisplayName = true;
    if (so.allow_smtputf8 === false) out.requireAsciiLocalPart = true;
    if (so.allow_empty_local === true) out.allowEmptyLocalPart = true;
    if (so.test_environment === true) out.allowTestDomain = true;
    if (so.allow_domain_literal === true) out.allowDomainLiteral = true;
  } else if (row.source.startsWith('hapi:')) {
    if (so.allowUnicode === false) out.requireAsciiLocalPart = true;
    if (so.ignoreLength === true) out.ignoreLengthLimits = true;
    if (so.minDomainSegments === 1) out.requireTopLevelDomain = false;
    const allow = so.tlds?.allow;
    const list = Array.isArray(allow) ? allow : allow?.__set;
    if (Array.isArray(list)) out.allowedTopLevelDomains = list;
  }
  return { ...out, ...(row.options ?? {}) };
}
