import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of this package's package.json, searching up from `start` (works from any outDir). */
export function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'w3c-propagation') return dir;
    if (dirname(dir) === dir) throw new Error(`no w3c-propagation package.json above ${start}`);
  }
}
