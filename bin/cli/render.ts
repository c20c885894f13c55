/** Turns an Inspection into lines for a person. */
import type { Inspection, Problem } from '../../src/problem.js';
import type { TraceparentFields } from '../../src/traceparent.js';
import type { TraceStateMember } from '../../src/tracestate.js';
import type { BaggageMember } from '../../src/baggage.js';
import { caretLines } from './caret.js';

export interface Report {
  valid: boolean;
  lines: string[];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The flags byte decoded: sampled, random, and any bits this version does not define. */
export function describeFlags(flags: number): string {
  const names = [flags & 1 ? 'sampled' : 'not sampled'];
  if (flags & 2) names.push('random');
  const unknown = flags & ~3;
  if (unknown) names.push(`unknown bits ${hex2(unknown)}`);
  return `${hex2(flags)} (${names.join(', ')})`;
}

function problemLines(kind: 'error' | 'warning', p: Problem, value: string): string[] {
  return [...caretLines(value, p.offset, '    '), `    ${kind} ${p.code} [${p.rule}] at ${p.offset}: ${p.message}`, ''];
}

export function render<T>(header: string, value: string, inspection: Inspection<T>, fields: (v: T) => string[]): Report {
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
  return { valid: inspection.valid, lines };
}

export function renderTraceparent(value: string, inspection: Inspection<TraceparentFields & { version: number }>): Report {
  return render('traceparent', value, inspection, (v) => [
    `version   ${hex2(v.version)}`,
    `trace id  ${v.traceId}`,
    `span id   ${v.spanId}`,
    `flags     ${describeFlags(v.traceFlags)}`,
  ]);
}

export function renderTraceState(value: string, inspection: Inspection<TraceStateMember[]>): Report {
  return render('tracestate', value, inspection, (members) =>
    members.length === 0 ? ['(no members)'] : [`${members.length} member${members.length === 1 ? '' : 's'}:`, ...members.map((m) => `  ${m.key} = ${m.value}`)],
  );
}

function quote(s: string): string {
  return JSON.stringify(s);
}

export function renderBaggage(value: string, inspection: Inspection<BaggageMember[]>): Report {
  return render('baggage', value, inspection, (members) => {
    if (members.length === 0) return ['(no members)'];
    const lines = [`${members.length} member${members.length === 1 ? '' : 's'} (values decoded):`];
    for (const m of members) {
      lines.push(`  ${m.key} = ${quote(m.value)}`);
      for (const p of m.properties ?? []) lines.push(`    ; ${p.key}${p.value === undefined ? '' : ` = ${quote(p.value)}`}`);
    }
    return lines;
  });
}
