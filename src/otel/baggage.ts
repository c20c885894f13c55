/**
 * The W3C Baggage propagator for OpenTelemetry JS: this library's codec, working on
 * OpenTelemetry's own `Baggage` through the `@opentelemetry/api` module it is given.
 *
 * extract: every `baggage` value is read as one list (BG-2, BG-18) by `parseBaggage`: values
 * percent-decoded as UTF-8 (BG-10, BG-11), keys never (BG-12), malformed members dropped and
 * the rest kept (BG-20), within the limits (BG-16, BG-17). The members go into
 * `api.propagation.createBaggage`, properties as entry metadata in their header form
 * (`ttl=30;secure`) through `api.baggageEntryMetadataFromString`. OpenTelemetry's `Baggage`
 * holds one entry per key: of repeated keys the first is kept (as this library's
 * `Baggage.getEntry` reads them). It takes its entries as a record, so integer-like keys
 * (`0`, `42`) come first in it, as with `@opentelemetry/core`'s propagator.
 * inject: nothing when `suppressTracing` marked the context. Each entry is written with an
 * encoded value (BG-8, BG-9, BG-21); an entry whose key is not a token is left out (BG-3:
 * encoding it would send another key, BG-12); metadata is sent as properties when it reads as
 * properties (BG-7, BG-15), and dropped otherwise (the entry is still sent). Limits as
 * `formatBaggage` applies them: whole members only (BG-17).
 */
import { DEFAULT_BAGGAGE_LIMITS, parseBaggage, type BaggageLimits, type BaggageProperty } from '../baggage.js';
import type { Context } from '../context.js';
import { encodeBaggageValue } from '../percent.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '../propagation.js';
import { SUPPRESS_TRACING_KEY_DESCRIPTION, type OtelApi, type OtelBaggageEntry, type OtelBaggageEntryMetadata } from './api.js';

const BAGGAGE = 'baggage';
/** An RFC 7230 token (BG-3): what a key must be to be sent as it is. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class OtelBaggagePropagator implements TextMapPropagator {
  private readonly _api: OtelApi;
  private readonly _suppress: symbol;
  private readonly _l: BaggageLimits;

  constructor(api: OtelApi, limits: Partial<BaggageLimits> = {}) {
    this._api = api;
    this._suppress = api.createContextKey(SUPPRESS_TRACING_KEY_DESCRIPTION);
    const d = DEFAULT_BAGGAGE_LIMITS;
    this._l = { maxMembers: limits.maxMembers ?? d.maxMembers, maxMemberBytes: limits.maxMemberBytes ?? d.maxMemberBytes, maxTotalBytes: limits.maxTotalBytes ?? d.maxTotalBytes };
    // What goes on the wire must carry everything the spec says every platform propagates.
    for (const [name, min] of [['maxMembers', 64], ['maxMemberBytes', 1], ['maxTotalBytes', 8192]] as const) {
      const n = this._l[name];
      if (!(n >= min && (n === Infinity || Number.isInteger(n)))) throw new RangeError(`baggage limit ${name} must be an integer of at least ${min} (BG-16), got ${n}`);
    }
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    if (context.getValue(this._suppress) === true) return;
    const baggage = this._api.propagation.getBaggage(context);
    if (baggage === undefined) return;
    const { maxMembers, maxMemberBytes, maxTotalBytes } = this._l;
    const entries = baggage.getAllEntries();
    let header = '';
    for (let i = 0, count = 0; i < entries.length && count < maxMembers; i++) {
      const [key, entry] = entries[i];
      if (typeof key !== 'string' || !TOKEN.test(key) || typeof entry?.value !== 'string') continue;
      const member = key + '=' + encodeBaggageValue(entry.value) + properties(entry.metadata);
      if (member.length > maxMemberBytes) continue;
      if (header.length + member.length + (count ? 1 : 0) > maxTotalBytes) break;
      header += (count++ ? ',' : '') + member;
    }
    if (header !== '') setter.set(carrier, BAGGAGE, header);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    const value = readHeader(getter, carrier, BAGGAGE);
    if (value === undefined) return context;
    const members = parseBaggage(value, this._l).getAllEntries();
    if (members.length === 0) return context;
    // No prototype: a `__proto__` key is an entry like any other (BG-23).
    const record: Record<string, OtelBaggageEntry> = Object.create(null);
    for (let i = 0; i < members.length; i++) {
      const [key, entry] = members[i];
      if (key in record) continue; // a repeated key: the first is kept
      const props = entry.properties;
      record[key] = props ? { value: entry.value, metadata: this._api.baggageEntryMetadataFromString(formatProperties(props)) } : { value: entry.value };
    }
    return this._api.propagation.setBaggage(context, this._api.propagation.createBaggage(record));
  }

  fields(): string[] {
    return [BAGGAGE];
  }
}

/** Properties in their header form, values encoded (BG-15): `ttl=30;secure`. */
function formatProperties(props: readonly BaggageProperty[]): string {
  let out = '';
  for (let i = 0; i < props.length; i++) out += (i ? ';' : '') + props[i].key + (props[i].value === undefined ? '' : '=' + encodeBaggageValue(props[i].value!));
  return out;
}

/**
 * `;` and the properties the metadata holds, read by this library's parser and written back
 * encoded (BG-7, BG-15); `''` when there is none or it does not read as properties.
 */
function properties(metadata: OtelBaggageEntryMetadata | undefined): string {
  if (metadata === undefined || metadata === null) return '';
  let text: unknown;
  try {
    text = metadata.toString();
  } catch {
    return '';
  }
  // A ',' would end the member: what follows is not this entry's metadata.
  if (typeof text !== 'string' || text === '' || text.includes(',')) return '';
  const props = parseBaggage('x=;' + text).getEntry('x')?.properties;
  return props ? ';' + formatProperties(props) : '';
}
