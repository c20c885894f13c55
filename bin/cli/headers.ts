/**
 * Reads the propagation headers out of pasted text: `Name: value` lines, such as an HTTP
 * request. The request line and other headers are skipped; reading stops at the first
 * blank line after a header (the start of a body).
 */
import { isToken, skipOws } from '../../src/internal/chars.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../src/trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../src/baggage/propagator.js';

export interface PropagationHeaders {
  traceparent: string[];
  tracestate: string[];
  baggage: string[];
}

export function readPropagationHeaders(text: string): PropagationHeaders {
  const found: PropagationHeaders = { traceparent: [], tracestate: [], baggage: [] };
  let seenHeader = false;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (seenHeader) break;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon);
    if (!isToken(name)) continue; // e.g. "GET http://x/ HTTP/1.1"
    seenHeader = true;
    const key = name.toLowerCase();
    if (key === TRACEPARENT_HEADER || key === TRACESTATE_HEADER || key === BAGGAGE_HEADER) {
      const start = skipOws(line, colon + 1, line.length);
      found[key].push(line.slice(start, skipOws(line, line.length, start)));
    }
  }
  return found;
}
