/**
 * The runtime matrix: how each runtime is started and handed the smoke check (smoke.ts).
 *
 *   node, bun, deno   run dist/spec-tests/runtimes/smoke-main.js as a child process
 *   workerd           miniflare serves worker.js; a real HTTP request carries a trace in
 *   quickjs           quickjs-emscripten evaluates smoke.js as a module, the library bundle
 *                     as the module it imports; ids come from an injected random source
 *   chromium          playwright-core drives the Chromium of spec-tests/helpers/chromium.ts;
 *                     it loads smoke.js and the bundle from a local node:http server
 *
 * workerd, QuickJS and Chromium get the library as one esbuild ESM bundle, served under the
 * name smoke.js imports (`../../src/index.js`), so smoke.js runs unchanged everywhere.
 * A runtime that cannot start is a failure with its reason, never a skip.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../helpers/chromium.js';
import { findPackageRoot } from '../helpers/paths.js';
import type { SmokeResult } from './smoke.js';

export const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const HERE = join(DIST, 'spec-tests', 'runtimes');
const BIN = join(ROOT, 'node_modules', '.bin');

export interface RuntimeOutcome {
  name: string;
  version: string;
  /** The runtime's `NAME: N passed, M failed` line, when it printed one. */
  line: string | undefined;
  passed: number;
  failed: number;
  /** Everything worth showing: the smoke report, extra checks, or why the runtime did not start. */
  output: string;
  /** True only when the runtime started, printed its line, and nothing failed. */
  ok: boolean;
  ms: number;
}

export interface Runtime {
  name: string;
  /** How the runtime gets onto the machine, for the README table. */
  installedBy: string;
  run(): Promise<
    Omit<RuntimeOutcome, 'name' | 'ms' | 'line' | 'passed' | 'failed' | 'ok'> & { extraFailures?: string[] }
  >;
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** The engine quickjs-emscripten's default variant vendors, as its README states it. */
function quickjsEngineVersion(): string {
  try {
    const readme = readFileSync(
      join(ROOT, 'node_modules', '@jitl', 'quickjs-wasmfile-release-sync', 'README.md'),
      'utf8',
    );
    const m = /\[(bellard|quickjs-ng)\/quickjs\]\([^)]*\) library\.\s+Version \[([^\]]+)\]/.exec(readme);
    return m ? `${m[1]}/quickjs ${m[2]}` : 'QuickJS (version unknown)';
  } catch {
    return 'QuickJS (version unknown)';
  }
}

/** The files each in-memory runtime loads, by the module name smoke.js expects. */
interface Sources {
  bundle: string;
  smoke: string;
  worker: string;
}

let sources: Promise<Sources> | undefined;

/** The library as one ESM file (esbuild, platform neutral), plus the built smoke and worker modules. */
export function loadSources(): Promise<Sources> {
  sources ??= (async () => {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [join(DIST, 'src', 'index.js')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    const bundle = built.outputFiles[0].text;
    mkdirSync(join(DIST, 'runtimes'), { recursive: true });
    writeFileSync(join(DIST, 'runtimes', 'w3c-propagation.bundle.mjs'), bundle);
    return {
      bundle,
      smoke: readFileSync(join(HERE, 'smoke.js'), 'utf8'),
      worker: readFileSync(join(HERE, 'worker.js'), 'utf8'),
    };
  })();
  return sources;
}

/** Module names (relative to dist/) mapped to their source, for loaders that resolve imports. */
async function moduleMap(): Promise<Map<string, string>> {
  const s = await loadSources();
  return new Map([
    ['src/index.js', s.bundle],
    ['spec-tests/runtimes/smoke.js', s.smoke],
    ['spec-tests/runtimes/worker.js', s.worker],
  ]);
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
    } catch (error) {
      resolve({ code: null, output: `could not spawn ${command}: ${String(error)}` });
      return;
    }
    const timer = setTimeout(() => {
      output += `\n(killed: no exit after ${timeoutMs / 1000}s)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => (output += `\ncould not start ${command}: ${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trimEnd() });
    });
  });
}

/** A runtime that runs smoke-main.js as a file. */
function processRuntime(name: string, installedBy: string, command: () => string, args: string[]): Runtime {
  return {
    name,
    installedBy,
    async run() {
      const bin = command();
      if (bin.includes('/') && !existsSync(bin))
        throw new Error(`${bin} does not exist: run \`npm ci\` (without --ignore-scripts)`);
      const { code, output } = await run(bin, [...args, join(HERE, 'smoke-main.js')], 30_000);
      const version = /^\S+ (\S+) \(detected as/m.exec(output)?.[1] ?? '';
      const extraFailures = code === 0 ? [] : [`${bin} exited with ${code}`];
      return { version, output, extraFailures };
    },
  };
}

function checkEqual(failures: string[], what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    failures.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const workerd: Runtime = {
  name: 'workerd',
  installedBy: '`miniflare` devDependency (its `workerd` dependency ships the binary)',
  async run() {
    const { Miniflare } = await import('miniflare');
    const modules = await moduleMap();
    const entry = 'spec-tests/runtimes/worker.js';
    const mf = new Miniflare({
      modulesRoot: DIST,
      modules: [entry, 'spec-tests/runtimes/smoke.js', 'src/index.js'].map((path) => ({
        type: 'ESModule' as const,
        path: join(DIST, path),
        contents: modules.get(path)!,
      })),
      compatibilityDate: '2025-09-01',
    });
    try {
      // A real HTTP request to the port workerd listens on, carrying a trace and baggage.
      const url = await mf.ready;
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const response = await fetch(new URL('/checkout', url), {
        headers: { traceparent, tracestate: 'vendor=abc,other=x', baggage: 'userId=alice,note=caf%C3%A9' },
      });
      const body = (await response.json()) as { extracted: Record<string, unknown>; smoke: SmokeResult };
      const failures: string[] = [];
      checkEqual(failures, 'worker extracted', body.extracted, {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceState: 'vendor=abc,other=x',
        baggage: [
          { key: 'userId', value: 'alice' },
          { key: 'note', value: 'café' },
        ],
      });
      const sent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(response.headers.get('traceparent') ?? '');
      checkEqual(failures, 'response traceparent keeps the trace id', sent?.[1], '4bf92f3577b34da6a3ce929d0e0e4736');
      if (!sent || sent[2] === '00f067aa0ba902b7')
        failures.push(`response traceparent needs a new span id: ${response.headers.get('traceparent')}`);
      checkEqual(failures, 'response tracestate', response.headers.get('tracestate'), 'vendor=abc,other=x');
      checkEqual(
        failures,
        'response baggage',
        response.headers.get('baggage'),
        'userId=alice,note=caf%C3%A9,served.by=workerd',
      );
      const http =
        `HTTP ${url.host}: in  traceparent ${traceparent}\n` +
        `${' '.repeat(url.host.length + 6)}out traceparent ${response.headers.get('traceparent')}, ` +
        `baggage ${response.headers.get('baggage')}`;
      return {
        version: `${packageVersion('workerd')} (miniflare ${packageVersion('miniflare')})`,
        output: `${http}\n${body.smoke.report}`,
        extraFailures: failures,
      };
    } finally {
      await mf.dispose();
    }
  },
};

const quickjs: Runtime = {
  name: 'quickjs',
  installedBy: '`quickjs-emscripten` devDependency (QuickJS compiled to WebAssembly)',
  async run() {
    const { getQuickJS, shouldInterruptAfterDeadline } = await import('quickjs-emscripten');
    const modules = await moduleMap();
    const QuickJS = await getQuickJS();
    const runtime = QuickJS.newRuntime();
    runtime.setMemoryLimit(64 * 1024 * 1024);
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + 20_000));
    runtime.setModuleLoader(
      (name) => modules.get(name) ?? { error: new Error(`no module ${name}`) },
      (base, requested) =>
        requested.startsWith('.') ? posix.normalize(posix.join(posix.dirname(base), requested)) : requested,
    );
    const vm = runtime.newContext();
    const printed: string[] = [];
    try {
      const print = vm.newFunction('print', (text) => {
        printed.push(vm.getString(text));
      });
      // The id generator QuickJS lacks (it has no Web Crypto), injected from the host.
      const randomBytesFn = vm.newFunction('hostRandomBytes', (n) => {
        const bytes = randomBytes(vm.getNumber(n));
        return vm.newString(bytes.toString('hex'));
      });
      vm.setProp(vm.global, 'print', print);
      vm.setProp(vm.global, 'hostRandomBytes', randomBytesFn);
      print.dispose();
      randomBytesFn.dispose();
      const entry = `
        import { runSmoke } from './smoke.js';
        const randomSource = (bytes) => {
          const hex = hostRandomBytes(bytes.length);
          for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
        };
        const names = ['crypto', 'Headers', 'process', 'navigator', 'fetch'];
        const globals = names.filter((k) => typeof globalThis[k] !== 'undefined');
        print('globals: ' + (globals.length ? globals.join(', ') : 'none of ' + names.join(', ')));
        print(runSmoke({ runtime: 'quickjs', randomSource }).report);
      `;
      const result = vm.evalCode(entry, 'spec-tests/runtimes/quickjs-entry.js', { type: 'module' });
      const failures: string[] = [];
      if (result.error) {
        failures.push(`evaluation failed: ${JSON.stringify(vm.dump(result.error))}`);
        result.error.dispose();
      } else {
        result.value.dispose();
      }
      runtime.executePendingJobs();
      return {
        version: `${quickjsEngineVersion()} (quickjs-emscripten ${packageVersion('quickjs-emscripten')})`,
        output: printed.join('\n'),
        extraFailures: failures,
      };
    } finally {
      vm.dispose();
      runtime.dispose();
    }
  },
};

function serve(routes: Map<string, { type: string; body: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const chromium: Runtime = {
  name: 'chromium',
  installedBy:
    "`CHROMIUM_PATH`, else the system's, else the `@sparticuz/chromium` devDependency; driven by `playwright-core`",
  async run() {
    const modules = await moduleMap();
    const js = 'text/javascript; charset=utf-8';
    const page = `<!doctype html><meta charset="utf-8"><title>w3c-propagation smoke</title>
<script type="module">
  import { runSmoke } from '/spec-tests/runtimes/smoke.js';
  window.smokeResult = runSmoke();
</script>`;
    const server = await serve(
      new Map([
        ['/', { type: 'text/html; charset=utf-8', body: page }],
        ['/favicon.ico', { type: 'image/x-icon', body: '' }],
        ['/src/index.js', { type: js, body: modules.get('src/index.js')! }],
        ['/spec-tests/runtimes/smoke.js', { type: js, body: modules.get('spec-tests/runtimes/smoke.js')! }],
      ]),
    );
    const { browser, found } = await launchChromium().catch((error: Error) => {
      server.close();
      throw error;
    });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
      });
      const { port } = server.address() as AddressInfo;
      await tab.goto(`http://127.0.0.1:${port}/`, { timeout: 20_000 });
      const handle = await tab
        .waitForFunction(() => (window as unknown as { smokeResult?: SmokeResult }).smokeResult, undefined, {
          timeout: 20_000,
        })
        .catch((error: Error) => {
          throw new Error(`the page never produced a result (${error.message.split('\n')[0]}) ${errors.join('; ')}`);
        });
      const result = (await handle.jsonValue()) as SmokeResult;
      return {
        version: `${browser.version()} (${found.source})`,
        output: [...errors, result.report].join('\n'),
        extraFailures: errors,
      };
    } finally {
      await browser.close();
      server.close();
    }
  },
};

export const RUNTIMES: readonly Runtime[] = [
  processRuntime('node', 'the Node.js running the matrix', () => process.execPath, []),
  processRuntime(
    'bun',
    '`bun` devDependency (binary from its optional `@oven/bun-*` package, checked by its postinstall)',
    () => join(BIN, 'bun'),
    [],
  ),
  processRuntime('deno', '`deno` devDependency (binary from its optional `@deno/*` package)', () => join(BIN, 'deno'), [
    'run',
    '--no-prompt',
  ]),
  workerd,
  quickjs,
  chromium,
];

/** Runs one runtime; never throws: a runtime that cannot start is a failed outcome with the reason. */
export async function runRuntime(runtime: Runtime): Promise<RuntimeOutcome> {
  const start = Date.now();
  try {
    const { version, output, extraFailures = [] } = await runtime.run();
    const match = new RegExp(`^${runtime.name}: (\\d+) passed, (\\d+) failed$`, 'm').exec(output);
    const passed = match ? Number(match[1]) : 0;
    const failed = (match ? Number(match[2]) : 0) + extraFailures.length;
    const notes = match ? '' : `\nNO RESULT LINE: ${runtime.name} did not print "${runtime.name}: N passed, M failed"`;
    const extra = extraFailures.length > 0 ? '\n' + extraFailures.map((f) => `  FAIL ${f}`).join('\n') : '';
    const ok = match !== null && failed === 0 && passed > 0;
    return {
      name: runtime.name,
      version,
      line: match?.[0],
      passed,
      failed,
      output: output + extra + notes,
      ok,
      ms: Date.now() - start,
    };
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      name: runtime.name,
      version: '',
      line: undefined,
      passed: 0,
      failed: 1,
      output: `COULD NOT START ${runtime.name}: ${reason}`,
      ok: false,
      ms: Date.now() - start,
    };
  }
}
