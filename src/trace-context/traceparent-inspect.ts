// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * `inspectTraceparent`: the slow path that says why a traceparent is invalid (TC-2 .. TC-14),
 * for people and the CLI. Valid exactly when `parseTraceparent` is (a property test keeps them agreeing).
 */
import {
  describeChar,
  NOTHING_KEPT,
  problem,
  type Inspection,
  type KeptInspection,
  type Problem,
} from '../inspect/problem.js';
import { skipOws } from '../internal/chars.js';
import { hexAt } from '../internal/hex.js';
import {
  DASH,
  formatValidTraceparent,
  parseTraceparent,
  TRACEPARENT_LENGTH,
  type TraceparentFields,
} from './traceparent.js';

/**
 * Says what is wrong with a traceparent value, each problem with its offset and rule.
 * Valid exactly when `parseTraceparent` returns a value; `kept` is the parent a propagator
 * continues and the traceparent it sends on (version 00, TC-10), or nothing: a new trace (TC-11).
 */
export function inspectTraceparent(
  value: unknown,
): KeptInspection<TraceparentFields & { version: number }, TraceparentFields> {
  const result = inspectFields(value);
  if (!result.valid) return { ...result, kept: NOTHING_KEPT };
  const { traceId, spanId, traceFlags } = result.value;
  return {
    ...result,
    kept: { value: { traceId, spanId, traceFlags }, sends: formatValidTraceparent(traceId, spanId, traceFlags) },
  };
}

function inspectFields(value: unknown): Inspection<TraceparentFields & { version: number }> {
  if (typeof value !== 'string') {
    return {
      valid: false,
      errors: [problem('not-a-string', `expected a string, got ${value === null ? 'null' : typeof value}`, 0, 'TC-2')],
    };
  }
  const errors: Problem[] = [];
  const start = skipOws(value, 0, value.length);
  const end = skipOws(value, value.length, start);
  const len = end - start;
  if (len === 0) {
    return { valid: false, errors: [problem('empty', 'the value is empty', 0, 'TC-2')] };
  }
  // A comma inside the first 55 chars, or anywhere in a 00 value, means joined headers (TC-13);
  // past the flags of a higher version it belongs to fields that are ignored (TC-9).
  const comma = value.indexOf(',', start);
  const joined =
    comma >= 0 &&
    comma < end &&
    (comma <= start + TRACEPARENT_LENGTH || (value.charCodeAt(start) === 0x30 && value.charCodeAt(start + 1) === 0x30));
  if (joined) {
    errors.push(
      problem(
        'multiple-values',
        'a comma: several traceparent headers were joined; more than one value means no valid parent',
        comma,
        'TC-13',
      ),
    );
  }

  // Version: two lowercase hex chars, not "ff".
  let version = -1;
  const versionBad = checkHexField(value, start, Math.min(2, len), 'version', errors);
  if (len < 2) {
    errors.push(
      problem('too-short', `the value is ${len} chars long; a traceparent has ${TRACEPARENT_LENGTH}`, end, 'TC-2'),
    );
    return { valid: false, errors };
  }
  if (!versionBad) {
    version = parseInt(value.slice(start, start + 2), 16);
    if (version === 0xff) errors.push(problem('version-ff', 'version ff is forbidden', start, 'TC-4'));
  }
  if (value.charCodeAt(start + 2) !== DASH) {
    errors.push(
      problem(
        'bad-separator',
        `expected '-' after the version, found ${describeAt(value, start + 2, end)}`,
        start + 2,
        'TC-2',
      ),
    );
    return { valid: false, errors };
  }
  if (len < TRACEPARENT_LENGTH) {
    errors.push(
      problem(
        'too-short',
        `the value is ${len} chars long; a traceparent has at least ${TRACEPARENT_LENGTH}`,
        end,
        version > 0 && version < 0xff ? 'TC-8' : 'TC-2',
      ),
    );
  }

  const fields: Array<[string, number, number, string]> = [
    ['trace-id', start + 3, 32, 'TC-5'],
    ['parent-id', start + 36, 16, 'TC-6'],
    ['trace-flags', start + 53, 2, ''],
  ];
  for (const [name, at, size, zeroRule] of fields) {
    const available = Math.max(0, Math.min(size, end - at));
    if (available === 0) break;
    const bad = checkHexField(value, at, available, name, errors);
    if (!bad && available === size && zeroRule !== '' && /^0+$/.test(value.slice(at, at + size))) {
      errors.push(problem(`zero-${name}`, `the ${name} is all zeros`, at, zeroRule));
    }
    const after = at + size;
    if (available < size) {
      errors.push(
        problem('short-field', `the ${name} has ${available} chars; it needs ${size}`, at + available, 'TC-2'),
      );
      break;
    }
    if (name !== 'trace-flags' && after < end && value.charCodeAt(after) !== DASH) {
      errors.push(
        problem(
          'bad-separator',
          `expected '-' after the ${name}, found ${describeAt(value, after, end)}`,
          after,
          'TC-2',
        ),
      );
      break;
    }
  }
  if (len > TRACEPARENT_LENGTH) {
    const after = start + TRACEPARENT_LENGTH;
    if (version === 0) {
      errors.push(
        problem(
          'trailing-data',
          `version 00 ends after the flags; found ${len - TRACEPARENT_LENGTH} more chars`,
          after,
          'TC-7',
        ),
      );
    } else if (value.charCodeAt(after) !== DASH) {
      errors.push(
        problem(
          'bad-separator',
          `a higher version continues with '-' after the flags, found ${describeAt(value, after, end)}`,
          after,
          'TC-9',
        ),
      );
    }
  }
  if (errors.length > 0) return { valid: false, errors };
  const parsed = parseTraceparent(value) as TraceparentFields;
  return { valid: true, value: { version, ...parsed } };
}

function describeAt(value: string, i: number, end: number): string {
  return i >= end ? 'the end of the value' : describeChar(value.charCodeAt(i));
}

/** Reports each non-lowercase-hex char in a field; returns whether there was one. */
function checkHexField(value: string, at: number, size: number, name: string, errors: Problem[]): boolean {
  for (let i = at; i < at + size; i++) {
    const c = value.charCodeAt(i);
    if (hexAt(value, i) >= 0) continue;
    const upper = c >= 0x41 && c <= 0x46;
    errors.push(
      upper
        ? problem('uppercase-hex', `upper-case ${describeChar(c)} in the ${name}: hex must be lowercase`, i, 'TC-3')
        : problem('not-hex', `${describeChar(c)} in the ${name} is not a hex digit`, i, 'TC-3'),
    );
    return true;
  }
  return false;
}
