// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The W3C Baggage propagator for OpenTelemetry JS: this library's codec, working on
 * OpenTelemetry's own `Baggage` through the `@opentelemetry/api` module it is given.
 *
 * extract: every `baggage` value is read as one list (BG-2, BG-18), checked as this library's
 * propagator checks it (a canonical header by one regex, any other by `parseBaggage`): values
 * percent-decoded as UTF-8 (BG-10, BG-11), keys never (BG-12), malformed members dropped and
 * the rest kept (BG-20), within the limits (BG-16, BG-17); nothing valid, no baggage. The
 * context gets a `ReceivedBaggage`: OpenTelemetry's `Baggage` interface over the header, which
 * builds OpenTelemetry's own with `api.propagation.createBaggage` on first use
 * (received-baggage.ts), in a `ReceivedContext` over the given context (received-context.ts).
 * inject: nothing when `suppressTracing` marked the context. A received baggage no one changed
 * is written from its header's members. Otherwise each entry is written with an
 * encoded value (BG-8, BG-9, BG-21); an entry whose key is not a token is left out (BG-3:
 * encoding it would send another key, BG-12); metadata is sent as properties when it reads as
 * properties (BG-7, BG-15), and dropped otherwise (the entry is still sent). Limits as
 * `formatBaggage` applies them: whole members only (BG-17).
 */
import { BAGGAGE_HEADER } from '../propagation/headers.js';
import { parseBaggage, unreadBaggage, type BaggageLimits } from '../baggage/baggage.js';
import type { Context } from '../context/context.js';
import { encodeBaggageValue } from '../baggage/percent.js';
import { propagatorLimits } from '../baggage/propagator.js';
import { isToken } from '../internal/chars.js';
import { defaultTextMapGetter, defaultTextMapSetter, readHeader } from '../propagation/carriers.js';
import {
  checkContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '../propagation/propagator.js';
import { SUPPRESS_TRACING_KEY_DESCRIPTION, type OtelApi, type OtelBaggageEntryMetadata } from './api.js';
import { formatProperties, ReceivedBaggage } from './received-baggage.js';
import { ReceivedContext } from './received-context.js';

export class OtelBaggagePropagator implements TextMapPropagator {
  private readonly _api: OtelApi;
  private readonly _suppress: symbol;
  private readonly _l: BaggageLimits;

  constructor(api: OtelApi, limits?: Partial<BaggageLimits>) {
    this._api = api;
    this._suppress = api.createContextKey(SUPPRESS_TRACING_KEY_DESCRIPTION);
    this._l = propagatorLimits(limits);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter = defaultTextMapSetter): void {
    checkContext(context, 'inject');
    if (context.getValue(this._suppress) === true) return;
    const baggage = this._api.propagation.getBaggage(context);
    if (baggage === undefined) return;
    const received = baggage instanceof ReceivedBaggage ? baggage._header(this._l) : undefined;
    if (received !== undefined) {
      if (received !== '') setter.set(carrier, BAGGAGE_HEADER, received);
      return;
    }
    const { maxMembers, maxMemberBytes, maxTotalBytes } = this._l;
    const entries = baggage.getAllEntries();
    let header = '';
    for (let i = 0, count = 0; i < entries.length && count < maxMembers; i++) {
      const [key, entry] = entries[i]!;
      if (!isToken(key) || typeof entry?.value !== 'string') continue;
      const member = key + '=' + encodeBaggageValue(entry.value) + properties(entry.metadata);
      if (member.length > maxMemberBytes) continue;
      if (header.length + member.length + (count ? 1 : 0) > maxTotalBytes) break;
      header += (count++ ? ',' : '') + member;
    }
    if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter = defaultTextMapGetter): Context {
    checkContext(context, 'extract');
    const value = readHeader(getter, carrier, BAGGAGE_HEADER);
    if (value === undefined) return context;
    // The check extract makes for this library's propagator: a canonical header takes one regex.
    if (unreadBaggage(typeof value === 'string' ? value : value.join(','), this._l) === undefined) return context;
    return this._api.propagation.setBaggage(
      ReceivedContext.over(context),
      new ReceivedBaggage(this._api, value, this._l),
    );
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }
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
