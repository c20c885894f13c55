/**
 * Reference regular expressions restated from the grammar in the spec digests
 * (docs/rules.md lists the rules). They are deliberately written apart from the library's hand-written
 * parsers so tests can check one against the other. Test-only: some are not linear-time.
 */

const HEX = '[0-9a-f]';

/** TC-2: a version-00 traceparent as this library must emit it (flags: only known bits). */
export const TRACEPARENT_RE = new RegExp(`^00-(?!0{32})${HEX}{32}-(?!0{16})${HEX}{16}-0[0-3]$`);

/** TC-2: any valid version-00 traceparent (all flag values). */
export const TRACEPARENT_V00_RE = new RegExp(`^00-(?!0{32})${HEX}{32}-(?!0{16})${HEX}{16}-${HEX}{2}$`);

const TS_KEY = '[a-z0-9][a-z0-9_\\-*/@]{0,255}';
const TS_VALUE = '[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]';
const TS_MEMBER = `${TS_KEY}=${TS_VALUE}`;

/** TC-22/TC-23: one tracestate list member. */
export const TRACESTATE_MEMBER_RE = new RegExp(`^${TS_MEMBER}$`);

/** TC-20..TC-23: a tracestate value as this library emits it (no OWS, 1..32 members). */
export const TRACESTATE_RE = new RegExp(`^${TS_MEMBER}(,${TS_MEMBER}){0,31}$`);

const TCHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";
const BAGGAGE_OCTET = '[\\x21\\x23-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]';
const BG_KEY = `${TCHAR}+`;
const BG_VALUE = `${BAGGAGE_OCTET}*`;
const BG_PROPERTY = `${BG_KEY}(=${BG_VALUE})?`;
const BG_MEMBER = `${BG_KEY}=${BG_VALUE}(;${BG_PROPERTY})*`;

/** BG-3: an RFC 7230 token. */
export const BAGGAGE_KEY_RE = new RegExp(`^${BG_KEY}$`);

/** BG-4/BG-8: an encoded value or property value. */
export const BAGGAGE_VALUE_RE = new RegExp(`^${BG_VALUE}$`);

/** BG grammar: one list member as emitted (no OWS). */
export const BAGGAGE_MEMBER_RE = new RegExp(`^${BG_MEMBER}$`);

/** BG grammar: a baggage header value as this library emits it (1..180 members, no OWS). */
export const BAGGAGE_RE = new RegExp(`^${BG_MEMBER}(,${BG_MEMBER}){0,179}$`);

/** UTF-8 byte length of a string, counting lone surrogates as U+FFFD (3 bytes). */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

// Server Timing (the W3C Server Timing header; RFC 9110 token, quoted-string, OWS and #list).
const ST_OWS = '[ \\t]*';
const ST_TOKEN = `${TCHAR}+`;
const QDTEXT = '[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]';
const QUOTED_PAIR = '\\\\[\\t \\x21-\\x7e\\x80-\\xff]';
const QUOTED_STRING = `"(?:${QDTEXT}|${QUOTED_PAIR})*"`;
const ST_PARAM = `${ST_TOKEN}${ST_OWS}=${ST_OWS}(?:${ST_TOKEN}|${QUOTED_STRING})`;
const ST_METRIC = `${ST_TOKEN}(?:${ST_OWS};${ST_OWS}${ST_PARAM})*`;

/** Server Timing: one server-timing-metric (name, then `;` parameters). */
export const SERVER_TIMING_METRIC_RE = new RegExp(`^${ST_METRIC}$`);

/** Server Timing: a whole header value, `#server-timing-metric` (empty list elements allowed). */
export const SERVER_TIMING_RE = new RegExp(
  `^${ST_OWS}(?:${ST_METRIC})?(?:${ST_OWS},${ST_OWS}(?:${ST_METRIC})?)*${ST_OWS}$`,
);

/** TC-34: the trace metric as this library writes it: version 00, only the known flags. */
export const SERVER_TIMING_TRACE_RE = new RegExp(`^trace;desc=00-(?!0{32})${HEX}{32}-(?!0{16})${HEX}{16}-0[0-3]$`);
