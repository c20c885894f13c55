// Both W3C propagators behind one CompositePropagator, with Context: the usual service setup.
export { W3CTraceContextPropagator } from '../../src/w3c-trace-context.js';
export { W3CBaggagePropagator } from '../../src/w3c-baggage.js';
export { CompositePropagator } from '../../src/propagation.js';
export { ROOT_CONTEXT } from '../../src/context.js';
export { context } from '../../src/context-manager.js';
export { getSpanContext, setSpanContext } from '../../src/span.js';
export { getBaggage, setBaggage } from '../../src/baggage-context.js';
