/**
 * docs/rules.md read as data: one table row per rule id, `| id | level | section | requirement |`.
 * The tests take the list of ids from here, so the repository explains every id it cites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DocumentedRule {
  id: string;
  level: string;
  section: string;
  requirement: string;
}

export const RULES_DOC = 'docs/rules.md';
const ROW = /^\| ((?:TC|BG)-\d+) \| ([^|]+) \| ([^|]+) \| (.+) \|$/gm;

export function readRulesDoc(root: string): DocumentedRule[] {
  const text = readFileSync(join(root, RULES_DOC), 'utf8');
  return [...text.matchAll(ROW)].map((m) => ({
    id: m[1],
    level: m[2].trim(),
    section: m[3].trim(),
    requirement: m[4].trim(),
  }));
}
