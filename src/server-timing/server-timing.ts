// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The Server-Timing `trace` metric (W3C Trace Context Level 2 response, TC-34): a server
 * tells its client where the request landed in the trace.
 *
 *   server-timing: app;dur=47.2, trace;desc=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
 *                                ^^^^^      ^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^^^^^^ ^^
 *                                name       version  trace-id                   the server's span  flags
 *
 * The header (W3C Server Timing, restated; `#`, OWS, token and quoted-string as in RFC 9110):
 *
 *   Server-Timing             = #server-timing-metric          ; comma-separated, empty elements allowed
 *   server-timing-metric      = metric-name *( OWS ";" OWS server-timing-param )
 *   metric-name               = token
 *   server-timing-param       = server-timing-param-name OWS "=" OWS server-timing-param-value
 *   server-timing-param-name  = token
 *   server-timing-param-value = token / quoted-string       ; quoted-string: "..." with \-escapes
 *
 * What this module reads as the trace metric (TC-34):
 * - a metric whose name is `trace`, ASCII case-insensitively (sent lowercase);
 * - its first `desc` parameter (the name compared case-insensitively; a later `desc` is
 *   ignored, as Server Timing says) holds `version-trace-id-span-id-flags` with the traceparent
 *   field rules (TC-2 .. TC-9: lowercase hex, no all-zero id, version ff invalid, a higher
 *   version read at the same offsets), exactly: no spaces around it inside a quoted-string;
 * - `dur` is reserved and other parameters are ignored, in any order;
 * - several header lines are one list, as if joined by commas;
 * - a metric that does not match the grammar, or a trace metric with no valid `desc`, is
 *   ignored; the first valid trace metric wins.
 * Only the sampled and random flags are defined; the formatter writes no other bit.
 *
 *   formatServerTimingTrace({ traceId, spanId, traceFlags })   // 'trace;desc=00-…-…-03'
 *   parseServerTimingTrace(response.headers.get('server-timing'))  // { traceId, spanId, traceFlags } | undefined
 *   parseServerTimingTrace(resourceEntry.serverTiming)          // a browser's PerformanceServerTiming list
 */
import { isOws, skipOws, TOKEN } from '../internal/chars.js';
import { formatTraceparent, parseTraceparent, type TraceparentFields } from '../trace-context/traceparent.js';

/** The response header, lowercase (TC-1). */
export const SERVER_TIMING_HEADER = 'server-timing';
/** The metric name Trace Context reserves (TC-34). */
export const SERVER_TIMING_TRACE_METRIC = 'trace';

/** A metric as browsers expose it (`PerformanceServerTiming`): the name and the `desc` value, already unquoted. */
export interface ServerTimingEntry {
  readonly name: string;
  readonly description: string;
  /** Not read: `dur` is reserved for the trace metric. */
  readonly duration?: number;
}

/**
 * The metric for a span context: `trace;desc=00-<trace-id>-<span-id>-<flags>`, version 00,
 * only the sampled and random flags (TC-10, TC-34). Throws a TypeError for invalid ids, as
 * `formatTraceparent` does: a programmer error, never wire input.
 */
export function formatServerTimingTrace(spanContext: TraceparentFields): string {
  return SERVER_TIMING_TRACE_METRIC + ';desc=' + formatTraceparent(spanContext);
}

/**
 * The span the server reported in a Server-Timing header, or undefined. `value` is the header
 * (a string, or its lines as an array), or a browser's `PerformanceResourceTiming.serverTiming`
 * list. Linear in the input; never throws.
 */
export function parseServerTimingTrace(
  value: string | readonly string[] | readonly ServerTimingEntry[],
): TraceparentFields | undefined {
  if (typeof value === 'string') return fromHeader(value);
  try {
    if (!Array.isArray(value)) return undefined;
    return value.every((v) => typeof v === 'string') ? fromHeader(value.join(',')) : fromEntries(value);
  } catch {
    return undefined; // an array whose reads throw (a Proxy): nothing a server or a browser sends
  }
}

function fromHeader(s: string): TraceparentFields | undefined {
  const scan = newScan();
  for (let i = 0; i <= s.length; ) {
    const end = scanMetric(s, i, scan);
    if (scan.errorAt < 0 && scan.descStart >= 0 && isTraceName(s, scan.nameStart, scan.nameEnd)) {
      const fields = traceDesc(descValue(s, scan));
      if (fields) return fields;
    }
    i = end + 1;
  }
  return undefined;
}

/** Entries have been split and unquoted by the browser; only the name and desc are left to check. */
function fromEntries(entries: readonly unknown[]): TraceparentFields | undefined {
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    const { name, description } = entry as Partial<ServerTimingEntry>;
    if (typeof name !== 'string' || typeof description !== 'string' || !isTraceName(name, 0, name.length)) continue;
    const fields = traceDesc(description);
    if (fields) return fields;
  }
  return undefined;
}

/** @internal The desc value as trace fields: a valid traceparent value with nothing around it (TC-34). */
export function traceDesc(desc: string): TraceparentFields | undefined {
  return desc.length > 0 && !isOws(desc.charCodeAt(0)) && !isOws(desc.charCodeAt(desc.length - 1))
    ? parseTraceparent(desc)
    : undefined;
}

/** @internal `trace`, ASCII case-insensitively (TC-34). */
export function isTraceName(s: string, start: number, end: number): boolean {
  return end - start === 5 && lowerEquals(s, start, SERVER_TIMING_TRACE_METRIC);
}

function lowerEquals(s: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((s.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/**
 * @internal What `scanMetric` found in one list element. One object per header, reused for
 * each element.
 */
export interface MetricScan {
  /** The metric name is s[nameStart, nameEnd); equal when the element is empty or has no name. */
  nameStart: number;
  nameEnd: number;
  /** The first `desc` value, s[descStart, descEnd) (inside the quotes of a quoted-string); -1 when none. */
  descStart: number;
  descEnd: number;
  /** The desc is a quoted-string with at least one `\` escape. */
  descEscaped: boolean;
  /** Where a second `desc` parameter's name starts (it is ignored); -1 when none. */
  extraDesc: number;
  /** The first char that breaks the grammar; -1 when the element matches it. */
  errorAt: number;
  /** What the grammar wanted at `errorAt`: one of the SCAN_* codes. */
  error: number;
}

/** @internal A metric name (token) was expected. */
export const SCAN_NAME = 1;
/** @internal `;` or `,` (or the end) was expected after a name or a parameter. */
export const SCAN_SEPARATOR = 2;
/** @internal A parameter name (token) was expected after `;`. */
export const SCAN_PARAM_NAME = 3;
/** @internal `=` was expected after a parameter name. */
export const SCAN_EQUALS = 4;
/** @internal A token or quoted-string was expected after `=`. */
export const SCAN_PARAM_VALUE = 5;
/** @internal A char a quoted-string cannot hold (a control char, DEL, or above U+00FF). */
export const SCAN_QUOTED_CHAR = 6;
/** @internal A quoted-string with no closing quote; `errorAt` is its opening quote. */
export const SCAN_UNTERMINATED = 7;

/** @internal */
export function newScan(): MetricScan {
  return {
    nameStart: 0,
    nameEnd: 0,
    descStart: -1,
    descEnd: -1,
    descEscaped: false,
    extraDesc: -1,
    errorAt: -1,
    error: 0,
  };
}

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A token or nothing, from `lastIndex`: it always matches, and `lastIndex` is then the end of the token. */
const TOKEN_RUN = /* @__PURE__ */ new RegExp(`(?:${TOKEN})?`, 'y');

function skipToken(s: string, i: number): number {
  TOKEN_RUN.lastIndex = i;
  TOKEN_RUN.test(s);
  return TOKEN_RUN.lastIndex;
}

/** qdtext: HTAB, SP, 0x21, 0x23-0x5B, 0x5D-0x7E, obs-text 0x80-0xFF. */
function isQdtext(c: number): boolean {
  return c === 0x09 || (c >= 0x20 && c <= 0xff && c !== 0x7f && c !== QUOTE && c !== BACKSLASH);
}

/** What may follow `\` in a quoted-pair: HTAB, SP, VCHAR, obs-text. */
function isQuotable(c: number): boolean {
  return c === 0x09 || (c >= 0x20 && c <= 0xff && c !== 0x7f);
}

/**
 * @internal Scans the list element that starts at `i` (OWS before it included) by the
 * Server-Timing grammar and fills `scan`. Returns where the element ends: the index of the
 * comma after it, or `s.length`. An element that breaks the grammar is skipped to the next
 * comma outside a quoted-string, as a list splitter would cut it. Each char is read once.
 */
export function scanMetric(s: string, i: number, scan: MetricScan): number {
  const n = s.length;
  scan.descStart = scan.descEnd = scan.extraDesc = scan.errorAt = -1;
  scan.descEscaped = false;
  i = skipOws(s, i, n);
  scan.nameStart = i;
  i = scan.nameEnd = skipToken(s, i);
  // an empty element
  if (i === scan.nameStart) return i >= n || s.charCodeAt(i) === COMMA ? i : fail(s, i, SCAN_NAME, scan, false);
  for (;;) {
    i = skipOws(s, i, n);
    if (i >= n || s.charCodeAt(i) === COMMA) return i;
    if (s.charCodeAt(i) !== SEMICOLON) return fail(s, i, SCAN_SEPARATOR, scan, false);
    i = skipOws(s, i + 1, n);
    const paramName = i;
    i = skipToken(s, i);
    if (i === paramName) return fail(s, i, SCAN_PARAM_NAME, scan, false);
    const isDesc = i - paramName === 4 && lowerEquals(s, paramName, 'desc');
    i = skipOws(s, i, n);
    if (s.charCodeAt(i) !== EQUALS) return fail(s, i, SCAN_EQUALS, scan, false);
    i = skipOws(s, i + 1, n);
    let start = i;
    let end: number;
    let escaped = false;
    if (s.charCodeAt(i) === QUOTE) {
      start = ++i;
      for (let c; (c = s.charCodeAt(i)) !== QUOTE; i++) {
        if (i >= n) return fail(s, start - 1, SCAN_UNTERMINATED, scan, false, n);
        if (c === BACKSLASH) {
          escaped = true;
          if (++i >= n) return fail(s, start - 1, SCAN_UNTERMINATED, scan, false, n);
          if (!isQuotable(s.charCodeAt(i))) return fail(s, i, SCAN_QUOTED_CHAR, scan, true);
        } else if (!isQdtext(c)) {
          return fail(s, i, SCAN_QUOTED_CHAR, scan, true);
        }
      }
      end = i++;
    } else {
      i = end = skipToken(s, i);
      if (i === start) return fail(s, i, SCAN_PARAM_VALUE, scan, false);
    }
    if (!isDesc) continue;
    if (scan.descStart < 0) {
      scan.descStart = start;
      scan.descEnd = end;
      scan.descEscaped = escaped;
    } else if (scan.extraDesc < 0) {
      scan.extraDesc = paramName;
    }
  }
}

/** Records the error and returns the end of the element: the next comma outside a quoted-string. */
function fail(s: string, at: number, error: number, scan: MetricScan, inQuote: boolean, end?: number): number {
  scan.errorAt = at;
  scan.error = error;
  if (end !== undefined) return end;
  let i = at;
  for (let c; i < s.length; i++) {
    c = s.charCodeAt(i);
    if (inQuote) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuote = false;
    } else if (c === QUOTE) {
      inQuote = true;
    } else if (c === COMMA) {
      break;
    }
  }
  return Math.min(i, s.length);
}

/** @internal The desc value of the scanned element, `\` escapes undone. */
export function descValue(s: string, scan: MetricScan): string {
  if (!scan.descEscaped) return s.slice(scan.descStart, scan.descEnd);
  let out = '';
  for (let i = scan.descStart; i < scan.descEnd; i++) {
    if (s.charCodeAt(i) === BACKSLASH) i++;
    out += s[i];
  }
  return out;
}
