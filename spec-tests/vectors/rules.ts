/**
 * The requirement ids (explained in docs/rules.md, which the tests hold to these lists) and the
 * ones no header value can show, with the reason: every other id must be cited by at least one
 * corpus case.
 */
export const TC_RULES = Array.from({ length: 34 }, (_, i) => `TC-${i + 1}`);
export const BG_RULES = Array.from({ length: 23 }, (_, i) => `BG-${i + 1}`);

export const NOT_SHOWABLE: Readonly<Record<string, string>> = {
  'TC-1': "header names, not values: matching them is the carrier's job (spec-tests/trace-context/carriers.test.ts)",
  'TC-15': 'how a new trace sets the random flag: id generation, not reading a header',
  'TC-17': 'what a child span changes before sending: a mutation, while the corpus output is the pure re-serialization',
  'TC-18':
    'needs an invalid traceparent next to a tracestate, and a case holds one header ' +
    '(tracestate cases run with a valid parent)',
  'TC-27': 'where set() puts a member: a mutation through the API, not in any received header',
  'TC-32': 'random id generation for new traces',
  'TC-34': 'the Server-Timing response header, which the corpus does not cover',
  'BG-1': "header names, not values: matching them is the carrier's job",
  'BG-21': "lone surrogates come from a caller's string being encoded; a header on the wire is ASCII",
};
