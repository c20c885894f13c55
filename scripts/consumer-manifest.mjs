#!/usr/bin/env node
/**
 * `npm pack` and `npm publish` ship the manifest a consumer needs: `prepack` puts it in place of
 * package.json, keeping the original beside it; `postpack` puts the original back.
 *
 *   node scripts/consumer-manifest.mjs write     (prepack)
 *   node scripts/consumer-manifest.mjs restore   (postpack; also after an interrupted pack)
 *
 * Left out: the dev scripts (they run files the tarball does not ship, and a `prepare` would
 * make npm 11 warn every consumer about an install script), devDependencies and allowScripts.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = join(ROOT, 'package.json');
const ORIGINAL = join(ROOT, '.package.dev.json');
const DEV_ONLY = ['scripts', 'devDependencies', 'allowScripts'];

function write() {
  if (existsSync(ORIGINAL)) {
    throw new Error(
      `${ORIGINAL} exists: an earlier pack did not finish; run \`node scripts/consumer-manifest.mjs restore\` first`,
    );
  }
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  for (const key of DEV_ONLY) delete manifest[key];
  writeFileSync(ORIGINAL, text);
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
}

function restore() {
  if (existsSync(ORIGINAL)) renameSync(ORIGINAL, MANIFEST);
}

const mode = process.argv[2];
if (mode === 'write') write();
else if (mode === 'restore') restore();
else {
  console.error('usage: node scripts/consumer-manifest.mjs write|restore');
  process.exitCode = 2;
}
