// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The `traceparent` header (W3C Trace Context, TC-2 .. TC-14).
 *
 *   00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
 *   ^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^^^^^^ ^^
 *   |  trace-id (32 hex, offset 3)      parent-id (16,36) trace-flags (2, offset 53)
 *   version (2 hex, "ff" forbidden)
 *
 * Every field is lowercase hex; ids are never all zero. Version 00 is exactly 55 chars.
 * A higher version is read at the same offsets and whatever follows `-` at 55 is ignored.
 *
 *   const parent = parseTraceparent(header);            // undefined when invalid
 *   const header = formatTraceparent({ traceId, spanId, traceFlags });
 */
import { hexAt, hexBits } from '../internal/hex.js';

/** The length of a version-00 value; the minimum for every version (TC-2, TC-8). */
export const TRACEPARENT_LENGTH = 55;
/** The only version this library writes (TC-10). */
export const TRACEPARENT_VERSION = '00';
/** Flag bits this library knows; others are written as 0 (TC-10). */
export const KNOWN_TRACE_FLAGS = 0x03;

/** The three fields a traceparent carries. */
export interface TraceparentFields {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** @internal The separator between traceparent fields. */
export const DASH = 0x2d;

/**
 * @internal Where the valid traceparent in `value` starts (after OWS), or -1: the whole
 * validation of `parseTraceparent`, without allocating. Read the fields at the TC-2 offsets.
 */
export function traceparentStart(value: string): number {
  // Hot path: rerun `npm run bench -- --filter traceparent` (and trace-context-extract) after editing.
  let start = 0;
  let end = value.length;
  // OWS (TC-12) written out, as in skipOws: interpreters (QuickJS) do not inline a call.
  for (let c; (c = value.charCodeAt(start)) === 0x20 || c === 0x09; ) start++;
  for (let c; end > start && ((c = value.charCodeAt(end - 1)) === 0x20 || c === 0x09); ) end--;
  const version = (hexAt(value, start) << 4) | hexAt(value, start + 1); // negative when not hex
  if (
    end - start < TRACEPARENT_LENGTH || // TC-2, TC-8
    value.charCodeAt(start + 2) !== DASH ||
    value.charCodeAt(start + 35) !== DASH ||
    value.charCodeAt(start + 52) !== DASH ||
    hexBits(value, start + 3, start + 35) <= 0 || // TC-3, TC-5
    hexBits(value, start + 36, start + 52) <= 0 || // TC-3, TC-6
    (version | traceparentFlags(value, start)) < 0 || // TC-3: negative when either is not hex
    version === 0xff || // TC-4
    // TC-7: nothing after a 00 value; TC-9: a higher version continues with "-".
    (end - start > TRACEPARENT_LENGTH && (version === 0 || value.charCodeAt(start + TRACEPARENT_LENGTH) !== DASH))
  ) {
    return -1;
  }
  return start;
}

/** @internal The trace-flags of the valid traceparent starting at `start`. */
export function traceparentFlags(value: string, start: number): number {
  return (hexAt(value, start + 53) << 4) | hexAt(value, start + 54);
}

/**
 * Parses a traceparent value. Returns undefined for anything invalid; never throws.
 * Spaces and tabs around the value are tolerated (TC-12); nothing else is.
 * Allocates the two id strings and the result, nothing else.
 */
export function parseTraceparent(value: string): TraceparentFields | undefined {
  // Hot path: rerun `npm run bench -- --filter traceparent-parse` after editing.
  if (typeof value !== 'string') return undefined;
  const start = traceparentStart(value);
  if (start < 0) return undefined;
  return {
    traceId: value.slice(start + 3, start + 35),
    spanId: value.slice(start + 36, start + 52),
    traceFlags: traceparentFlags(value, start),
  };
}

/**
 * Writes a version-00 traceparent (TC-10): lowercase, unknown flag bits cleared.
 * Throws a TypeError for an invalid id: that is a programmer error, never wire input.
 */
export function formatTraceparent(fields: TraceparentFields): string {
  const header = formatValidTraceparent(fields?.traceId, fields?.spanId, fields?.traceFlags);
  // Strings that read back as this header are exactly the valid ids.
  if (typeof fields?.traceId !== 'string' || typeof fields.spanId !== 'string' || traceparentStart(header) < 0) {
    throw new TypeError(`invalid ids in ${header}: 32 and 16 lowercase hex chars, not all zero (TC-5, TC-6)`);
  }
  return header;
}

/** The unchecked formatter, for callers that validated the ids already. */
export function formatValidTraceparent(traceId: string, spanId: string, traceFlags: number): string {
  return '00-' + traceId + '-' + spanId + '-0' + (traceFlags & KNOWN_TRACE_FLAGS);
}
