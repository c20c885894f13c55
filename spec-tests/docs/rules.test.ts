/**
 * docs/rules.md explains every rule id the package cites: one row per id of both
 * specifications, each with its level and section, and no id cited anywhere in the repository
 * (library, CLI, corpus, tests, examples, benches, docs) that the file does not explain.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../helpers/paths.js';
import { readRulesDoc, RULES_DOC } from '../helpers/rules-doc.js';
import { BG_RULES, TC_RULES } from '../vectors/rules.js';

const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const rules = readRulesDoc(ROOT);
const SEARCHED = [
  'src',
  'bin',
  'vectors',
  'spec-tests',
  'examples',
  'bench',
  'README.md',
  'SECURITY.md',
  'CHANGELOG.md',
];
const ID = /\b(?:TC|BG)-\d+\b/g;

function files(path: string): string[] {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return [path];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? files(join(path, e.name)) : /\.(ts|json|md)$/.test(e.name) ? [join(path, e.name)] : [],
  );
}

test('docs/rules.md has one row per rule id of both specifications, in order', () => {
  assert.equal(
    rules.map((r) => r.id),
    [...TC_RULES, ...BG_RULES],
  );
});

test('every rule has a level, a section and a requirement', () => {
  for (const r of rules) {
    assert.ok(['MUST', 'SHOULD', 'MAY'].includes(r.level), `${r.id}: level '${r.level}'`);
    assert.ok(r.section.length >= 5, `${r.id}: section '${r.section}'`);
    assert.ok(r.requirement.length >= 30 && /[.]$/.test(r.requirement), `${r.id}: requirement '${r.requirement}'`);
  }
});

test('every rule id cited in the repository is explained in docs/rules.md', () => {
  const documented = new Set(rules.map((r) => r.id));
  const unexplained: string[] = [];
  let cited = 0;
  for (const file of SEARCHED.flatMap((p) => files(join(ROOT, p)))) {
    if (relative(ROOT, file) === RULES_DOC) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a listed top-level file this checkout does not have
    }
    for (const [id] of text.matchAll(ID)) {
      cited++;
      if (!documented.has(id)) unexplained.push(`${id} in ${relative(ROOT, file)}`);
    }
  }
  assert.ok(cited > 1000, `only ${cited} citations found: is the search looking in the right folders?`);
  assert.equal(unexplained, []);
});

test.run();
