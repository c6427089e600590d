// Conversions between the wrapper's plain-object API and the values jco's transpiled component
// takes and returns (the Canonical ABI's JS mapping: records as objects, variants as
// {tag, val}, enums as kebab-case strings, list<u8> as Uint8Array, option<T> as T|undefined).
//
// Every function here throws TypeError on a value of the wrong type: that is a programming
// error in the caller, not an analysis result.

const encoder = new TextEncoder();

/** Upper-case email type names of the JS API ↔ the WIT enum's case names. */
export const EMAIL_TYPES = Object.freeze({
  INVALID: 'invalid',
  DISPOSABLE: 'disposable',
  FREE: 'free',
  NO_MX_RECORDS: 'no-mx-records',
  NO_GRAVATAR: 'no-gravatar',
});
const EMAIL_TYPE_NAMES = new Map(Object.entries(EMAIL_TYPES).map(([k, v]) => [v, k]));

const STRING_FIELDS = ['ip', 'method', 'protocol', 'host', 'path'];

export function expectString(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

export function optionalString(obj, key, what) {
  const value = obj[key];
  return value === undefined ? '' : expectString(value, what);
}

// Headers or extra: an array of [name, value] pairs, any other iterable of pairs (Map,
// Headers), or a plain object (own enumerable keys in order). An array value in an object
// (Node's IncomingMessage.headers for set-cookie) becomes one pair per element.
export function toPairs(value, what) {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`${what} must be an object or an iterable of [name, value] pairs`);
  }
  if (Array.isArray(value)) {
    // The common shape, already [[name, value], ...]: checked, not copied.
    for (let i = 0; i < value.length; i++) {
      const entry = value[i];
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new TypeError(`${what} entries must be [name, value] pairs`);
      }
      if (typeof entry[0] !== 'string') expectString(entry[0], `${what} name`);
      if (typeof entry[1] !== 'string') expectString(entry[1], `${what} value`);
    }
    return value;
  }
  const pairs = [];
  if (typeof value[Symbol.iterator] === 'function') {
    for (const entry of value) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new TypeError(`${what} entries must be [name, value] pairs`);
      }
      pairs.push([expectString(entry[0], `${what} name`), expectString(entry[1], `${what} value`)]);
    }
    return pairs;
  }
  for (const [name, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      for (const item of v) pairs.push([name, expectString(item, `${what}[${JSON.stringify(name)}]`)]);
    } else {
      pairs.push([name, expectString(v, `${what}[${JSON.stringify(name)}]`)]);
    }
  }
  return pairs;
}

export function toBody(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('request.body must be a Uint8Array, an ArrayBuffer(View) or a string');
}

/** The WIT `request` record for a wrapper-level request object. */
export function toWitRequest(request) {
  if (request === null || typeof request !== 'object') {
    throw new TypeError('request must be an object');
  }
  const out = {};
  for (const key of STRING_FIELDS) out[key] = optionalString(request, key, `request.${key}`);
  out.headers = toPairs(request.headers, 'request.headers');
  out.cookies = optionalString(request, 'cookies', 'request.cookies');
  out.query = optionalString(request, 'query', 'request.query');
  out.body = toBody(request.body);
  out.extra = toPairs(request.extra, 'request.extra');
  return out;
}

export function toWitCharacteristics(characteristics) {
  if (characteristics === undefined) return [];
  if (!Array.isArray(characteristics)) throw new TypeError('characteristics must be an array');
  characteristics.forEach((c, i) => expectString(c, `characteristics[${i}]`));
  return characteristics;
}

// {allow: [...]} or {deny: [...]}, exactly one. Returns {tag, list}.
export function allowOrDeny(config, what) {
  if (config === null || typeof config !== 'object') throw new TypeError(`${what} must be an object`);
  const hasAllow = config.allow !== undefined;
  const hasDeny = config.deny !== undefined;
  if (hasAllow === hasDeny) throw new TypeError(`${what} must have exactly one of allow or deny`);
  const tag = hasAllow ? 'allow' : 'deny';
  const list = config[tag];
  if (!Array.isArray(list)) throw new TypeError(`${what}.${tag} must be an array`);
  return { tag, list };
}

/** The WIT `bot-config` variant for {allow: ids} or {deny: ids}. */
export function toWitBotConfig(config) {
  const { tag, list } = allowOrDeny(config, 'config');
  list.forEach((id, i) => expectString(id, `config.${tag}[${i}]`));
  return { tag, val: list };
}

// An optional boolean option of the email config.
export function emailBool(config, key, fallback) {
  const value = config[key] ?? fallback;
  if (typeof value !== 'boolean') throw new TypeError(`config.${key} must be a boolean`);
  return value;
}

/**
 * The WIT `email-config` record: `requireTopLevelDomain` defaults to true, the other booleans
 * to false, `allowedTopLevelDomains` to [] (any).
 */
export function toWitEmailConfig(config) {
  const { tag, list } = allowOrDeny(config, 'config');
  const tld = emailBool(config, 'requireTopLevelDomain', true);
  const literal = emailBool(config, 'allowDomainLiteral', false);
  const options = {
    allowDisplayName: emailBool(config, 'allowDisplayName', false),
    requireAsciiLocalPart: emailBool(config, 'requireAsciiLocalPart', false),
    allowEmptyLocalPart: emailBool(config, 'allowEmptyLocalPart', false),
    allowTestDomain: emailBool(config, 'allowTestDomain', false),
    ignoreLengthLimits: emailBool(config, 'ignoreLengthLimits', false),
  };
  const tlds = config.allowedTopLevelDomains ?? [];
  if (!Array.isArray(tlds)) throw new TypeError('config.allowedTopLevelDomains must be an array');
  tlds.forEach((t, i) => expectString(t, `config.allowedTopLevelDomains[${i}]`));
  const val = list.map((name, i) => {
    const wit = Object.hasOwn(EMAIL_TYPES, name) ? EMAIL_TYPES[name] : undefined;
    if (wit === undefined) throw new TypeError(`config.${tag}[${i}]: unknown email type ${JSON.stringify(name)}`);
    return wit;
  });
  return {
    requireTopLevelDomain: tld, allowDomainLiteral: literal, rule: { tag, val }, ...options,
    allowedTopLevelDomains: [...tlds],
  };
}

/**
 * The wrapper's email result for the WIT `email-result` record: `reason` (the WIT case name,
 * e.g. 'local-part-too-long') is present exactly when the address is invalid.
 */
export function fromWitEmailResult(result) {
  const blocked = result.blocked.map((t) => EMAIL_TYPE_NAMES.get(t) ?? t);
  if (result.reason === undefined || result.reason === null) return { validity: result.validity, blocked };
  return { validity: result.validity, reason: result.reason, blocked };
}

/** The wrapper's bot result (a fresh plain object) for the WIT `bot-result` record. */
export function fromWitBotResult(result) {
  return {
    allowed: [...result.allowed],
    denied: [...result.denied],
    categories: [...result.categories],
    verified: result.verified,
    spoofed: result.spoofed,
    missingUserAgent: result.missingUserAgent,
  };
}

/** "missing characteristic: ip.src" etc.: the text form of an analysis error. */
export function formatAnalysisError(error) {
  switch (error.tag) {
    case 'missing-characteristic':
      return `missing characteristic: ${error.val}`;
    case 'invalid-input':
      return `invalid input: ${error.val}`;
    case 'internal':
      return `internal: ${error.val}`;
    default:
      return `${error.tag}: ${error.val}`;
  }
}
