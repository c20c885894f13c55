// The baggage propagator with Context: extract, read and set entries, inject.
export { W3CBaggagePropagator } from '../../src/baggage/propagator.js';
export { ROOT_CONTEXT } from '../../src/context/context.js';
export { context } from '../../src/context/manager.js';
export { getBaggage, setBaggage } from '../../src/baggage/context.js';
