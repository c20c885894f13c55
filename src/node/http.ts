/** Small helpers for `node:http` servers. */
import type { IncomingMessage } from 'node:http';

/**
 * The request's headers as a carrier in which repeated header lines stay distinct
 * (`string[]`), so two `traceparent` lines are seen as two values (TC-13) rather than
 * one value Node joined, or one it dropped. Falls back to `req.headers` before Node 18.3.
 */
export function headersFromIncoming(req: IncomingMessage): Record<string, string | string[]> {
  const distinct = (req as { headersDistinct?: Record<string, string[]> }).headersDistinct;
  if (distinct) {
    const out: Record<string, string | string[]> = Object.create(null);
    for (const name of Object.keys(distinct)) {
      const values = distinct[name];
      out[name] = values.length === 1 ? values[0] : values;
    }
    return out;
  }
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = value;
  return out;
}
