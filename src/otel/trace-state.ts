// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `OtelTraceState`: this library's `TraceState` as OpenTelemetry code expects one.
 *
 * Our `TraceState` already has OpenTelemetry's four methods and can be handed over as it is,
 * but for one behaviour: its `set` throws a TypeError for a key or value outside the grammar
 * (TC-22, TC-23), where OpenTelemetry's API never throws (`@opentelemetry/core`'s `TraceState`
 * returns itself unchanged). Samplers and vendor code written for OpenTelemetry rely on that,
 * so this wrapper ignores such a `set` the same way (and reports it through `api.diag` when
 * given one). Everything else is our rules: the header is read on first use, a repeated key
 * on input keeps the left-most member (TC-28), `set` puts the member first and keeps at most
 * 32 (TC-27, TC-28), `serialize` sends a received tracestate whole, whatever its length
 * (TC-33), and cuts one changed by `set` / `unset` to 512 chars by whole members (TC-29, TC-30).
 *
 *   const ts = new OtelTraceState('rojo=00f067aa0ba902b7');
 *   ts.set('Bad Key', 'x') === ts;   // ignored, no exception
 */
import { TraceState, type TraceStateParseOptions } from '../trace-context/tracestate.js';
import type { OtelTraceStateLike } from './api.js';

/** Where an ignored `set` is reported; `api.diag` has this shape. */
export type TraceStateWarn = (message: string) => void;

export class OtelTraceState implements OtelTraceStateLike, Iterable<[string, string]> {
  /** @internal */ declare readonly _s: TraceState;
  /** @internal */ declare readonly _w: TraceStateWarn | undefined;

  /**
   * An empty tracestate, one read from header values on first use (an invalid header reads as
   * empty, TC-26), or one that wraps a `TraceState` of this library.
   */
  constructor(
    header?: string | readonly string[] | TraceState,
    options?: TraceStateParseOptions,
    warn?: TraceStateWarn,
  ) {
    (this as { _s: TraceState })._s = header instanceof TraceState ? header : new TraceState(header, options);
    (this as { _w: TraceStateWarn | undefined })._w = warn;
  }

  /** This library's `TraceState` inside. */
  get traceState(): TraceState {
    return this._s;
  }

  get size(): number {
    return this._s.size;
  }

  get(key: string): string | undefined {
    return this._s.get(key);
  }

  /**
   * A tracestate with `key=value` first (TC-27). A key or value outside the grammar
   * (TC-22, TC-23) is ignored: this tracestate is returned unchanged, as OpenTelemetry does.
   */
  set(key: string, value: string): OtelTraceState {
    let next: TraceState;
    try {
      next = this._s.set(key, value);
    } catch (error) {
      this._w?.(`w3c-propagation: TraceState.set ignored: ${(error as Error).message}`);
      return this;
    }
    return new OtelTraceState(next, undefined, this._w);
  }

  unset(key: string): OtelTraceState {
    const next = this._s.unset(key);
    return next === this._s ? this : new OtelTraceState(next, undefined, this._w);
  }

  /**
   * The header value. By default: received, whole (TC-33); changed by `set` / `unset`, cut to
   * 512 chars by whole members (TC-29, TC-30). With `maxLength`, cut to that.
   */
  serialize(maxLength?: number): string {
    return this._s.serialize(maxLength);
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this._s[Symbol.iterator]();
  }

  toString(): string {
    return this._s.toString();
  }
}
