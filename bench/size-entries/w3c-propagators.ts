// Both W3C propagators behind one CompositePropagator, with Context: the usual service setup.
export { W3CTraceContextPropagator } from '../../src/trace-context/propagator.js';
export { W3CBaggagePropagator } from '../../src/baggage/propagator.js';
export { CompositePropagator } from '../../src/propagation/composite.js';
export { ROOT_CONTEXT } from '../../src/context/context.js';
export { context } from '../../src/context/manager.js';
export { getSpanContext, setSpanContext } from '../../src/trace/span.js';
export { getBaggage, setBaggage } from '../../src/baggage/context.js';
