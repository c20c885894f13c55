// tctx's traceparent codec (parse + make), for comparison with the codec alone.
export { parse, make } from 'tctx/traceparent';
