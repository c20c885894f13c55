/** vectors/schema.json: the JSON Schema (draft 2020-12) of both corpus files. */

const output = {
  description: 'The header a conforming propagator sends on for this input, or null when it sends none.',
  oneOf: [{ type: 'string', minLength: 1 }, { type: 'null' }],
};

const traceparentKept = {
  description: 'What a receiver keeps: the parent it continues (always as version 00), or null for a new trace.',
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['version', 'traceId', 'spanId', 'traceFlags'],
      additionalProperties: false,
      properties: {
        version: { const: '00' },
        traceId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        spanId: { type: 'string', pattern: '^[0-9a-f]{16}$' },
        traceFlags: {
          description: 'The flags byte as received, unknown bits included.',
          type: 'integer',
          minimum: 0,
          maximum: 255,
        },
      },
    },
  ],
};

const tracestateKept = {
  description: 'The [key, value] members a receiver keeps, in order, or null when it discards the whole header.',
  oneOf: [
    { type: 'null' },
    {
      type: 'array',
      items: {
        type: 'array',
        minItems: 2,
        maxItems: 2,
        prefixItems: [
          { type: 'string', minLength: 1 },
          { type: 'string', minLength: 1 },
        ],
      },
    },
  ],
};

const baggageKept = {
  description: 'The members a receiver keeps, in order, values and property values percent-decoded.',
  type: 'array',
  items: {
    type: 'object',
    required: ['key', 'value', 'properties'],
    additionalProperties: false,
    properties: {
      key: { type: 'string', minLength: 1 },
      value: { type: 'string' },
      properties: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key'],
          additionalProperties: false,
          properties: { key: { type: 'string', minLength: 1 }, value: { type: 'string' } },
        },
      },
    },
  },
};

function caseOf(header: string, kept: string): object {
  const outcome = { $ref: `#/$defs/${kept}` };
  return {
    type: 'object',
    required: ['id', 'description', 'rules', 'header', 'input', 'valid', 'expect', 'output'],
    additionalProperties: false,
    dependentRequired: { accept: ['note'], note: ['accept'] },
    properties: {
      id: {
        description: 'Stable, kebab-case, unique across both files.',
        type: 'string',
        pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      },
      description: { description: 'One sentence for a person.', type: 'string', minLength: 1 },
      rules: {
        description: 'The requirement ids (TC-n, BG-n) of the w3c-propagation spec digests the case shows.',
        type: 'array',
        minItems: 1,
        items: { type: 'string', pattern: '^(TC|BG)-[1-9][0-9]*$' },
      },
      header: { const: header },
      input: {
        description: 'The header value, or several header lines of the same name.',
        oneOf: [{ type: 'string' }, { type: 'array', minItems: 1, items: { type: 'string' } }],
      },
      valid: { description: 'Whether a strict validator finds nothing wrong (warnings aside).', type: 'boolean' },
      expect: outcome,
      output: { $ref: '#/$defs/output' },
      accept: {
        description:
          'Every accepted { expect, output } pair where the spec allows more than one; expect/output is one of them.',
        type: 'array',
        minItems: 2,
        items: {
          type: 'object',
          required: ['expect', 'output'],
          additionalProperties: false,
          properties: { expect: outcome, output: { $ref: '#/$defs/output' } },
        },
      },
      note: { description: 'Why more than one answer is accepted.', type: 'string', minLength: 1 },
    },
  };
}

export const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'w3c-propagation test vectors',
  description:
    'A corpus of W3C Trace Context and Baggage header values: ' +
    'for each, whether it is valid, what a receiver keeps and what a conforming propagator sends on.',
  type: 'object',
  required: ['corpus', 'version', 'description', 'cases'],
  additionalProperties: false,
  properties: {
    corpus: { enum: ['trace-context', 'baggage'] },
    version: { const: 1 },
    description: { type: 'string' },
    cases: {
      type: 'array',
      items: {
        oneOf: [
          { $ref: '#/$defs/traceparentCase' },
          { $ref: '#/$defs/tracestateCase' },
          { $ref: '#/$defs/baggageCase' },
        ],
      },
    },
  },
  $defs: {
    output,
    traceparentKept,
    tracestateKept,
    baggageKept,
    traceparentCase: caseOf('traceparent', 'traceparentKept'),
    tracestateCase: caseOf('tracestate', 'tracestateKept'),
    baggageCase: caseOf('baggage', 'baggageKept'),
  },
};
