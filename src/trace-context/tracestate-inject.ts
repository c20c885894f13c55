// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * What inject sends for a span context's tracestate, whichever implementation holds it: this
 * library's propagator and the OpenTelemetry bridge share it, so both send the same text.
 */
import {
  KEY,
  parseTraceState,
  TraceState,
  TRACESTATE_MAX_LENGTH,
  TRACESTATE_MAX_MEMBERS,
  VALUE,
} from './tracestate.js';

/**
 * Our own TraceState is valid by construction; any other (OpenTelemetry's, a hand-made object)
 * is read back through the parser and cut to 512 chars as ours is (TC-22 .. TC-30), so an
 * invalid value is never sent. `''` when nothing is to be sent, a throwing `serialize` included.
 * `sendsAsIs` (`isSendableTraceState`, or none) is a fast path: a text it accepts is sent unread.
 */
export function serializeTraceState(traceState: { serialize(): string }, sendsAsIs?: (raw: string) => boolean): string {
  // Ours through its own method: a subclass or an own property may replace `serialize`. It knows
  // whether it is as received (sent whole, TC-33) or changed (cut to 512, TC-30).
  if (traceState instanceof TraceState) return TraceState.prototype.serialize.call(traceState);
  try {
    const raw = traceState.serialize();
    if (typeof raw !== 'string') return '';
    if (sendsAsIs?.(raw)) return raw;
    // This service's own: cut to 512 (TC-30).
    return parseTraceState(raw)?.serialize(TRACESTATE_MAX_LENGTH) || '';
  } catch {
    return '';
  }
}

/**
 * Whether the parser would send `text` exactly as it is: 1 to 32 valid members joined by ','
 * alone, no key twice, at most 512 chars (TC-21 .. TC-29). What OpenTelemetry's TraceState
 * writes usually is; one regex and a key scan are 2x faster than reading it. (Not used by
 * `W3CTraceContextPropagator`, whose bundle it would grow by about 80 B.)
 */
export function isSendableTraceState(text: string): boolean {
  return text.length <= TRACESTATE_MAX_LENGTH && SENDABLE.test(text) && !repeatsKey(text);
}

// In a function, so that a bundle without the fast path drops it (a pure `new RegExp(KEY)` is kept).
const SENDABLE = /* @__PURE__ */ (() =>
  new RegExp(`^${KEY}=${VALUE}(?:,${KEY}=${VALUE}){0,${TRACESTATE_MAX_MEMBERS - 1}}$`))();

/** Whether a key repeats in a `SENDABLE` header (TC-28); at most 32 keys. */
function repeatsKey(header: string): boolean {
  const keys: string[] = [];
  let at = 0;
  do {
    const key = header.slice(at, header.indexOf('=', at));
    if (keys.includes(key)) return true;
    keys.push(key);
    at = header.indexOf(',', at) + 1;
  } while (at > 0);
  return false;
}
