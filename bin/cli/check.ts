/** `check <url>`: the conformance checker (checkService) from the command line. */
import { checkService, type CheckOptions } from '../../src/node/check/check-service.js';
import { CheckError } from '../../src/node/check/error.js';
import { abbreviate } from '../../src/node/check/text.js';
import type { CaseResult, CheckReport, Finding } from '../../src/node/check/types.js';
import type { CorpusHeader } from '../../src/node/check/corpus.js';
import { RULES_HINT } from './rules-hint.js';

export interface CheckIo {
  out(line: string): void;
  err(line: string): void;
}

interface Parsed {
  url: string;
  json: boolean;
  options: CheckOptions;
}

const VALUED = new Set([
  '--corpus',
  '--timeout',
  '--concurrency',
  '--callback-host',
  '--callback-port',
  '--public-host',
]);

function number(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new CheckError('usage', `${flag} takes a number, got '${value}'`);
  return n;
}

/** The check command's arguments; throws a usage CheckError. */
export function parseCheckArgs(argv: readonly string[]): Parsed {
  const corpus: string[] = [];
  const options: CheckOptions = {};
  let json = false;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    if (VALUED.has(arg) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new CheckError('usage', `${arg} needs a value`);
    }
    switch (arg) {
      case '--baggage':
        options.baggage = true;
        break;
      case '--json':
        json = true;
        break;
      case '--corpus':
        corpus.push(value as string);
        break;
      case '--timeout':
        options.timeout = number(arg, value as string);
        break;
      case '--concurrency':
        options.concurrency = number(arg, value as string);
        break;
      case '--callback-host':
        options.callbackHost = value;
        break;
      case '--callback-port':
        options.callbackPort = number(arg, value as string);
        break;
      case '--public-host':
        options.publicHost = value;
        break;
      default:
        if (arg.startsWith('-')) throw new CheckError('usage', `unknown option '${arg}'`);
        if (url !== undefined) throw new CheckError('usage', `check takes one URL, got '${url}' and '${arg}'`);
        url = arg;
    }
    if (value !== undefined && !VALUED.has(arg)) throw new CheckError('usage', `${arg} takes no value`);
  }
  if (url === undefined)
    throw new CheckError('usage', 'check needs the test service URL, e.g. http://127.0.0.1:5000/test');
  if (corpus.length > 0) options.corpus = corpus;
  return { url, json, options };
}

function showLines(lines: readonly string[] | undefined): string {
  if (!lines || lines.length === 0) return '(none)';
  const shown = lines.map((l) => JSON.stringify(abbreviate(l)));
  return shown.length === 1 ? shown[0] : `[${shown.join(', ')}]`;
}

function findings(list: readonly Finding[]): string {
  return list.map((f) => (f.rules.length ? `${f.rules.join(' ')}: ${f.message}` : f.message)).join('; ');
}

/** One line for a failed case: id, rules, header sent, header received, expected, why. */
export function failedLine(r: CaseResult): string {
  const headers: CorpusHeader[] = [r.header];
  for (const p of r.problems) if (!headers.includes(p.header)) headers.push(p.header);
  const received =
    r.received === null
      ? 'received: (no callback)'
      : headers.map((h) => `received ${h}: ${showLines(r.received?.[h])}`).join(' | ');
  const sent = `sent ${r.header}: ${showLines(r.sent[r.header])}`;
  return `FAIL ${r.id} [${r.rules.join(' ')}] ${sent} | ${received} | expected ${r.expected} | ${findings(r.problems)}`;
}

export function summaryLine(report: CheckReport): string {
  const skipped = report.skipped ? `, ${report.skipped} skipped` : '';
  const warnings = report.warnings ? `, ${report.warnings} warning(s)` : '';
  const rules = report.failedRules.length ? ` (failed rules: ${report.failedRules.join(' ')})` : '';
  return `check: ${report.passed} passed, ${report.failed} failed${skipped} of ${report.total}${warnings}${rules}`;
}

/**
 * The report as text: failed cases, skipped cases and warnings, notes, where rule ids are
 * explained (after a failure or warning, which cite them), then the summary, last so scripts
 * can read it there.
 */
export function reportLines(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) if (r.status === 'failed') lines.push(failedLine(r));
  for (const r of report.results)
    if (r.status === 'skipped') lines.push(`SKIP ${r.id} [${r.rules.join(' ')}] ${r.reason ?? ''}`);
  for (const r of report.results)
    if (r.warnings.length) lines.push(`WARN ${r.id} [${r.rules.join(' ')}] ${findings(r.warnings)}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  if (report.failed > 0 || report.warnings > 0) lines.push(RULES_HINT);
  lines.push(summaryLine(report));
  return lines;
}

/** Runs the command; returns the exit status: 0 all passed, 1 some failed, 2 could not check. */
export async function runCheck(argv: readonly string[], io: CheckIo, usage: string): Promise<number> {
  let json = false;
  try {
    const parsed = parseCheckArgs(argv);
    json = parsed.json;
    const report = await checkService(parsed.url, parsed.options);
    if (json) io.out(JSON.stringify(report, null, 2));
    else for (const line of reportLines(report)) io.out(line);
    return report.failed > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof CheckError)) throw e;
    if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
    io.err(`w3c-propagation check: ${e.message}`);
    if (e.code === 'usage') io.err('\n' + usage);
    return 2;
  }
}
