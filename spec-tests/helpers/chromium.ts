/**
 * The one place the tests get a Chromium: `CHROMIUM_PATH`, else the system's (Debian's
 * `chromium` or another usual name on the PATH), else the Linux build that the
 * `@sparticuz/chromium` devDependency ships inside its npm package, so `npm ci && npm test`
 * needs no apt package and no browser download.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
const SYSTEM_DIRS = ['/usr/bin', '/usr/local/bin', '/snap/bin'];

export interface FoundChromium {
  path: string;
  /** Which of the three ways found it, for messages and the README table. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

const HOW =
  'the tests take Chromium from CHROMIUM_PATH (a Chromium binary), ' +
  "else the system's (apt-get install -y --no-install-recommends chromium), " +
  'else the @sparticuz/chromium devDependency (npm ci installs it)';

function systemChromium(env: NodeJS.ProcessEnv): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) for (const name of SYSTEM_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Throws, naming all three ways, when none gives a Chromium. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist; ${HOW}`);
  }
  const system = systemChromium(env);
  if (system) return { path: system, source: 'system' };
  let reason: string;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    // Unpacks the brotli'd binary into the temp dir on first use (about 2 s), then reuses it.
    const path = await packaged.executablePath();
    if (existsSync(path)) return { path, source: '@sparticuz/chromium' };
    reason = `it gave ${path}, which does not exist`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  throw new Error(
    `no Chromium found (no CHROMIUM_PATH, none of ${SYSTEM_NAMES.join(', ')} on the PATH ` +
      `or in ${SYSTEM_DIRS.join(', ')}, and @sparticuz/chromium failed: ${reason}); ${HOW}`,
  );
}

/** Headless Chromium through playwright-core, wherever findChromium found it. */
export async function launchChromium(): Promise<{ browser: Browser; found: FoundChromium }> {
  const found = await findChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: found.path, headless: true, timeout: 30_000 });
  return { browser, found };
}
