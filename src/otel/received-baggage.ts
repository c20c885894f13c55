// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The baggage the bridge's extract puts in OpenTelemetry's Context: a header this library's
 * codec parsed and found at least one valid member in, behind OpenTelemetry's `Baggage`
 * interface. OpenTelemetry's own `Baggage` is built from it on first use, through
 * `api.propagation.createBaggage`, properties as entry metadata in header form (`ttl=30;secure`)
 * through `api.baggageEntryMetadataFromString`; every method answers from that one. A service
 * that only forwards the baggage never builds it: inject parses the header again and writes it.
 *
 * It keeps the header, not what the parser made of it. A context lives as long as its request;
 * parse results kept that long survive young-generation collections, and V8 then allocates
 * everything the parser makes in the old generation (allocation-site pretenuring), which made
 * every later extract in the process more than twice as slow in the bench's mixed regime.
 *
 * OpenTelemetry's `Baggage` holds one entry per key: of repeated keys the first is kept (as
 * this library's `Baggage.getEntry` reads them, BG-19). It takes its entries as a record, so
 * integer-like keys (`0`, `42`) come first, as with `@opentelemetry/core`'s propagator.
 */
import {
  formatBaggage,
  parseBaggage,
  type Baggage,
  type BaggageLimits,
  type BaggageProperty,
} from '../baggage/baggage.js';
import { encodeBaggageValue } from '../baggage/percent.js';
import type { OtelApi, OtelBaggage, OtelBaggageEntry } from './api.js';

const hasOwn = Object.prototype.hasOwnProperty;

export class ReceivedBaggage implements OtelBaggage {
  private readonly _api: OtelApi;
  /** The header (an array copied), read again when needed. */
  private readonly _h: string | readonly string[];
  private readonly _l: BaggageLimits;
  /** OpenTelemetry's own baggage, once built. */
  private _o: OtelBaggage | undefined;
  /** Whether a key repeats in the header's valid members, once known. */
  private _d: boolean | undefined;

  constructor(api: OtelApi, header: string | readonly string[], limits: BaggageLimits) {
    this._api = api;
    this._h = typeof header === 'string' ? header : header.slice();
    this._l = limits;
    this._o = undefined;
    this._d = undefined;
  }

  /** OpenTelemetry's own baggage of these members, built on first use. */
  private _otel(): OtelBaggage {
    return (this._o ??= toOtelBaggage(this._api, parseBaggage(this._h, this._l)));
  }

  getEntry(key: string): OtelBaggageEntry | undefined {
    return this._otel().getEntry(key);
  }

  getAllEntries(): [string, OtelBaggageEntry][] {
    return this._otel().getAllEntries();
  }

  setEntry(key: string, entry: OtelBaggageEntry): OtelBaggage {
    return this._otel().setEntry(key, entry);
  }

  removeEntry(key: string): OtelBaggage {
    return this._otel().removeEntry(key);
  }

  removeEntries(...keys: string[]): OtelBaggage {
    return this._otel().removeEntries(...keys);
  }

  clear(): OtelBaggage {
    return this._otel().clear();
  }

  /**
   * @internal The header inject writes, from the parsed members in the order they came: the
   * same as from OpenTelemetry's baggage when no key repeats; undefined when one does (the
   * first must win, so inject goes through OpenTelemetry's baggage).
   */
  _header(limits: BaggageLimits): string | undefined {
    const parsed = parseBaggage(this._h, this._l);
    if (this._d === undefined) {
      const keys = parsed.getAllEntries().map(([key]) => key);
      this._d = new Set(keys).size !== keys.length;
    }
    return this._d ? undefined : formatBaggage(parsed, limits);
  }
}

/** Properties in their header form, values encoded (BG-15): `ttl=30;secure`. */
export function formatProperties(props: readonly BaggageProperty[]): string {
  let out = '';
  for (let i = 0; i < props.length; i++)
    out +=
      (i ? ';' : '') +
      props[i]!.key +
      (props[i]!.value === undefined ? '' : '=' + encodeBaggageValue(props[i]!.value!));
  return out;
}

function toOtelBaggage(api: OtelApi, parsed: Baggage): OtelBaggage {
  const members = parsed.getAllEntries();
  // A plain object, as createBaggage takes (one without a prototype is a slow dictionary in
  // V8); `__proto__` is defined as an own entry (BG-23).
  const record: Record<string, OtelBaggageEntry> = {};
  for (let i = 0; i < members.length; i++) {
    const [key, entry] = members[i]!;
    if (hasOwn.call(record, key)) continue; // a repeated key: the first is kept
    const props = entry.properties;
    const value: OtelBaggageEntry = props
      ? { value: entry.value, metadata: api.baggageEntryMetadataFromString(formatProperties(props)) }
      : { value: entry.value };
    if (key === '__proto__')
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    else record[key] = value;
  }
  return api.propagation.createBaggage(record);
}
