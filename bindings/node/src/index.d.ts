// Types of @warden/analyze: the wrapper around the jco-transpiled warden analysis module.
// See docs/node.md for the error convention.

/** One HTTP request. Missing string fields are "", missing maps empty, no body is none. */
export interface Request {
  ip?: string;
  method?: string;
  protocol?: string;
  host?: string;
  path?: string;
  /**
   * Header names as received (lookups are case-insensitive). [name, value] pairs in order,
   * any iterable of pairs (Map, Headers), or an object whose array values become one pair
   * per element (Node's IncomingMessage.headers).
   */
  headers?: Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;
  /** The raw Cookie header value, e.g. "a=1; b=2". */
  cookies?: string;
  /** The raw query string, with or without the leading "?". */
  query?: string;
  /** Body bytes; a string is taken as its UTF-8 bytes. */
  body?: Uint8Array | ArrayBufferView | ArrayBuffer | string | null;
  /** Caller-defined key/value pairs (user-defined fingerprint characteristics). */
  extra?: Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;
}

/** Why an analysis could not be made. A verdict (bot, invalid email) is never an error. */
export type AnalysisError =
  | { tag: 'missing-characteristic'; val: string }
  | { tag: 'invalid-input'; val: string }
  | { tag: 'internal'; val: string };

/** An analysis error, returned (never thrown) by every Analyzer method. */
export interface ErrorResult {
  error: AnalysisError;
}

export interface FingerprintResult {
  /** "fp::2::" followed by 64 lower-case hex digits. */
  fingerprint: string;
}

/** Exactly one of allow or deny: bot IDs and/or categories. */
export type BotConfig = { allow: string[]; deny?: undefined } | { deny: string[]; allow?: undefined };

/** What detectBot decided (docs/bot-detection.md). Not a bot: every list empty, every flag false. */
export interface BotResult {
  /** Detected bot IDs the config lets through, sorted. */
  allowed: string[];
  /** Detected bot IDs the config blocks, sorted: deny the request when not empty. */
  denied: string[];
  /** The "CATEGORY:..." names of every detected ID (allowed or denied), sorted, no repeats. */
  categories: string[];
  /** The host verified the claimed bot (bot-overrides.verify answered 'verified'). */
  verified: boolean;
  /** The host says the request only claims to be the bot; every detected ID is denied. */
  spoofed: boolean;
  /**
   * The User-Agent header is absent, empty or only spaces/tabs. Nothing is classified and
   * `denied` is ['MISSING_USER_AGENT'], unless an allow list names 'MISSING_USER_AGENT' (then
   * it is in `allowed`).
   */
  missingUserAgent: boolean;
}

export type EmailType = 'INVALID' | 'DISPOSABLE' | 'FREE' | 'NO_MX_RECORDS' | 'NO_GRAVATAR';

export type EmailConfig = {
  /** Default true. */
  requireTopLevelDomain?: boolean;
  /** Default false. */
  allowDomainLiteral?: boolean;
  /** Accept `Name <addr-spec>` and `<addr-spec>` (the addr-spec is validated). Default false. */
  allowDisplayName?: boolean;
  /** The local part must be ASCII (no SMTPUTF8). Default false. */
  requireAsciiLocalPart?: boolean;
  /** Accept an empty local part (`@example.com`, `""@example.com`). Default false. */
  allowEmptyLocalPart?: boolean;
  /** Accept the special-use top-level domain `test` (RFC 6761). Default false. */
  allowTestDomain?: boolean;
  /** Do not enforce the 64-octet local part and 254-octet address limits. Default false. */
  ignoreLengthLimits?: boolean;
  /** When not empty, the top-level domain must be one of these (case-insensitive). Default []. */
  allowedTopLevelDomains?: string[];
} & ({ allow: EmailType[]; deny?: undefined } | { deny: EmailType[]; allow?: undefined });

/** Why an address is invalid (the WIT `email-invalid-reason`; docs/email-validation.md). */
export type EmailInvalidReason =
  | 'empty' | 'invalid-utf8' | 'control-character' | 'display-name' | 'comment' | 'missing-at'
  | 'local-part-empty' | 'local-part-too-long' | 'unterminated-quote' | 'invalid-character'
  | 'leading-dot' | 'trailing-dot' | 'consecutive-dots' | 'domain-empty' | 'domain-too-long'
  | 'address-too-long' | 'label-too-long' | 'label-hyphen' | 'invalid-idna'
  | 'missing-top-level-domain' | 'invalid-top-level-domain' | 'reserved-domain'
  | 'domain-literal-not-allowed' | 'invalid-domain-literal' | 'invalid-display-name'
  | 'non-ascii-local-part' | 'top-level-domain-not-allowed';

export interface EmailResult {
  validity: 'valid' | 'invalid';
  /** Present exactly when validity is 'invalid'. */
  reason?: EmailInvalidReason;
  blocked: EmailType[];
}

export type Answer = 'yes' | 'no' | 'unknown';
export type Verification = 'verified' | 'spoofed' | 'unverifiable';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Host imports. Every callback is synchronous (the module waits for it); a missing one
 * answers 'unknown' / 'unverifiable'; a callback that throws or answers out of range makes
 * the call throw WardenEngineError.
 */
export interface AnalyzerOptions {
  /** Receives the module's log lines; without it they are dropped. */
  logger?: { log(level: LogLevel, message: string): void };
  emailOverrides?: {
    isFree?(domain: string): Answer;
    isDisposable?(domain: string): Answer;
    hasMxRecords?(domain: string): Answer;
    hasGravatar?(email: string): Answer;
  };
  botOverrides?: {
    verify?(botId: string, ip: string): Verification;
  };
  /** The transpiled component; default $WARDEN_NODE_COMPONENT_DIR, else dist/component. */
  componentDir?: string;
}

/**
 * One instance of the module with its imports. Calls are synchronous and not re-entrant
 * (an import callback must not call back into the same Analyzer). Wrong argument types throw
 * TypeError; a call the module could not make throws WardenEngineError.
 */
export interface Analyzer {
  /** An empty characteristics list means ["ip.src"]. */
  generateFingerprint(request: Request, characteristics?: string[]): FingerprintResult | ErrorResult;
  detectBot(request: Request, config: BotConfig): BotResult | ErrorResult;
  validateEmail(candidate: string, config: EmailConfig): EmailResult | ErrorResult;
  /**
   * How calls reach the module: 'direct' (the wrapper's own Canonical ABI calls on the core
   * module, the default) or 'jco' (jco's generated functions: $WARDEN_NODE_GLUE=jco, or a
   * component built without the files the direct calls need). Answers are the same.
   */
  readonly glue: 'direct' | 'jco';
}

/** Loads (once per process) and instantiates the component. */
export function createAnalyzer(options?: AnalyzerOptions): Promise<Analyzer>;

/** A trap, or a host import that threw; the analyzer replaces its instance. */
export class WardenEngineError extends Error {
  name: 'WardenEngineError';
}

/** "missing characteristic: <c>", "invalid input: <m>", "internal: <m>". */
export function formatAnalysisError(error: AnalysisError): string;

/** Upper-case email type names ↔ the WIT enum's case names. */
export const EMAIL_TYPES: Readonly<Record<EmailType, string>>;

/** "WARDEN_NODE_COMPONENT_DIR". */
export const COMPONENT_DIR_ENV: string;
/** 'WARDEN_NODE_GLUE': set it to "jco" (before createAnalyzer) to use jco's generated functions. */
export const GLUE_ENV: string;

/** The component directory createAnalyzer would use for `explicit`. */
export function resolveComponentDir(explicit?: string): string;
