/** Turns an Inspection into lines for a person. */
import type { Inspection, Kept, Problem } from '../../src/inspect/problem.js';
import type { TraceparentFields } from '../../src/trace-context/traceparent.js';
import type { TraceStateMember } from '../../src/trace-context/tracestate-inspect.js';
import type { BaggageMember } from '../../src/baggage/baggage.js';
import { TraceFlags } from '../../src/trace/span.js';
import { KNOWN_TRACE_FLAGS } from '../../src/trace-context/traceparent.js';
import { caretLines } from './caret.js';
import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '../../src/trace-context/propagator.js';
import { BAGGAGE_HEADER } from '../../src/baggage/propagator.js';

export interface Report {
  valid: boolean;
  lines: string[];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The flags byte decoded: sampled, random, and any bits this version does not define. */
export function describeFlags(flags: number): string {
  const names = [flags & TraceFlags.SAMPLED ? 'sampled' : 'not sampled'];
  if (flags & TraceFlags.RANDOM) names.push('random');
  const unknown = flags & ~KNOWN_TRACE_FLAGS;
  if (unknown) names.push(`unknown bits ${hex2(unknown)}`);
  return `${hex2(flags)} (${names.join(', ')})`;
}

function problemLines(kind: 'error' | 'warning', p: Problem, value: string): string[] {
  return [...caretLines(value, p.offset, '    '), `    ${kind} ${p.code} [${p.rule}] at ${p.offset}: ${p.message}`, ''];
}

/**
 * The report: the verdict, the fields or the problems, the warnings, and when there was any
 * problem, what a propagator keeps of the header and sends on.
 */
export function render<T, K>(
  header: string,
  value: string,
  inspection: Inspection<T, K>,
  fields: (v: T) => string[],
  kept?: (k: Kept<K>) => string[],
): Report {
  const lines = [`${header}: ${value}`];
  if (inspection.valid) {
    lines.push('  ✓ valid', ...fields(inspection.value).map((l) => '  ' + l));
  } else {
    const n = inspection.errors.length;
    lines.push(`  ✗ invalid: ${n} problem${n === 1 ? '' : 's'}`, '');
    for (const p of inspection.errors) lines.push(...problemLines('error', p, value));
  }
  const warnings = inspection.warnings ?? [];
  if (warnings.length > 0 && inspection.valid) lines.push('');
  for (const p of warnings) lines.push(...problemLines('warning', p, value));
  while (lines[lines.length - 1] === '') lines.pop();
  if ((!inspection.valid || warnings.length > 0) && inspection.kept && kept)
    lines.push('', ...kept(inspection.kept).map((l) => '  ' + l));
  return { valid: inspection.valid, lines };
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export function renderTraceparent(
  value: string,
  inspection: Inspection<TraceparentFields & { version: number }, TraceparentFields>,
): Report {
  return render(
    TRACEPARENT_HEADER,
    value,
    inspection,
    (v) => [
      `version   ${hex2(v.version)}`,
      `trace id  ${v.traceId}`,
      `span id   ${v.spanId}`,
      `flags     ${describeFlags(v.traceFlags)}`,
    ],
    (k) =>
      k.value
        ? [
            `kept: trace id ${k.value.traceId}, parent id ${k.value.spanId}, ` +
              `flags ${describeFlags(k.value.traceFlags)}`,
            `sends on: ${k.sends}`,
          ]
        : [
            'kept: nothing: a new trace starts [TC-11]',
            'sends on: nothing of this one: the new trace gets its own traceparent',
          ],
  );
}

function traceStateMembers(members: readonly TraceStateMember[]): string[] {
  return members.map((m) => `  ${m.key} = ${m.value}`);
}

/** `withoutParent`: no valid traceparent came with it, so nothing of it is kept or sent (TC-18). */
export function renderTraceState(
  value: string,
  inspection: Inspection<TraceStateMember[]>,
  withoutParent = false,
): Report {
  return render(
    TRACESTATE_HEADER,
    value,
    inspection,
    (members) =>
      members.length === 0 ? ['(no members)'] : [`${plural(members.length, 'member')}:`, ...traceStateMembers(members)],
    (k) => {
      if (withoutParent)
        return [
          'kept: nothing: without a single valid traceparent, tracestate is ignored [TC-18]',
          'sends on: nothing',
        ];
      if (!k.value) return ['kept: nothing: the whole tracestate is discarded [TC-26]', 'sends on: nothing'];
      // A pass-through sends the whole tracestate, whatever its length (TC-33).
      const whole = `${k.sends}   (${k.sends?.length} chars, whole: 512 is a floor, not a ceiling [TC-29, TC-33])`;
      const none = 'nothing: an empty tracestate is not sent [TC-31]';
      const sends = k.sends === undefined ? none : k.sends.length > 512 ? whole : k.sends;
      return [
        k.value.length === 0 ? 'kept: no members' : `kept: ${plural(k.value.length, 'member')}:`,
        ...traceStateMembers(k.value),
        `sends on: ${sends}`,
      ];
    },
  );
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function baggageMembers(members: readonly BaggageMember[]): string[] {
  const lines: string[] = [];
  for (const m of members) {
    lines.push(`  ${m.key} = ${quote(m.value)}`);
    for (const p of m.properties ?? [])
      lines.push(`    ; ${p.key}${p.value === undefined ? '' : ` = ${quote(p.value)}`}`);
  }
  return lines;
}

export function renderBaggage(value: string, inspection: Inspection<BaggageMember[]>): Report {
  return render(
    BAGGAGE_HEADER,
    value,
    inspection,
    (members) =>
      members.length === 0
        ? ['(no members)']
        : [`${plural(members.length, 'member')} (values decoded):`, ...baggageMembers(members)],
    (k) =>
      !k.value || k.value.length === 0
        ? ['kept: nothing: no member is valid', 'sends on: nothing']
        : [
            `kept: ${plural(k.value.length, 'member')} (values decoded):`,
            ...baggageMembers(k.value),
            `sends on: ${k.sends ?? 'nothing'}`,
          ],
  );
}
