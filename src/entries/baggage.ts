// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
// `w3c-propagation/baggage`: the baggage codec and the percent codec, without Context.
export {
  Baggage,
  createBaggage,
  parseBaggage,
  formatBaggage,
  EMPTY_BAGGAGE,
  DEFAULT_BAGGAGE_LIMITS,
} from '../baggage/baggage.js';
export type { BaggageEntry, BaggageProperty, BaggageMember, BaggageLimits } from '../baggage/baggage.js';
export { inspectBaggage } from '../baggage/inspect.js';
export { encodeBaggageValue, decodeBaggageValue } from '../baggage/percent.js';
export type { Problem, Inspection } from '../inspect/problem.js';
