/**
 * The package as npm would publish it: `npm pack` the built tree (prepack swaps in the consumer
 * manifest), then check the tarball with publint and Are the Types Wrong (both local
 * devDependencies, no network), install it with `npm install` into an empty folder (no warning)
 * and into a temporary node_modules, load every entry point from there, and type-check every
 * entry point with TypeScript 5.9 under `moduleResolution: node10`.
 *
 * The package is ESM-only (see packaging/README-sections.md): attw runs with the `esm-only`
 * profile, which leaves out the `node10` and `node16 (from CJS)` resolutions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../helpers/paths.js';

const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Code entry points; `./vectors/*.json` (data, no types) is checked on its own. */
const VECTORS = './vectors/*.json';
const VECTOR_FILES = ['trace-context.json', 'baggage.json', 'schema.json'];
const SUBPATHS = Object.keys(manifest.exports).filter((k) => k !== './package.json' && k !== VECTORS);
const VALID = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let work = '';
let tarball = '';
let packed: string[] = [];

function run(command: string, args: readonly string[], cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}\n${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`;
}

/** npm itself: the one running `npm test` when there is one, else `npm` on the PATH. */
function npm(args: readonly string[], cwd = ROOT): SpawnSyncReturns<string> {
  const cli = process.env.npm_execpath;
  return cli && /\.c?js$/.test(cli) ? run(process.execPath, [cli, ...args], cwd) : run('npm', args, cwd);
}

function devTool(pkg: string, bin: string): string {
  return join(ROOT, 'node_modules', pkg, bin);
}

const devManifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');

test.before(() => {
  work = mkdtempSync(join(tmpdir(), 'w3c-propagation-pack-'));
  // With its scripts, as a publisher runs it: prepack rebuilds dist/ (the same files `npm test`
  // just built) and swaps in the consumer manifest; postpack puts package.json back.
  const r = npm(['pack', '--json', '--pack-destination', work]);
  assert.is(r.status, 0, output(r));
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info.filename);
  packed = info.files.map((f) => f.path);
});

test.after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('package.json: no dependencies, sideEffects false, types first in every export', () => {
  assert.is(manifest.type, 'module');
  assert.is(manifest.sideEffects, false);
  assert.is(manifest.dependencies, undefined);
  for (const subpath of SUBPATHS) {
    const target = manifest.exports[subpath];
    assert.equal(Object.keys(target), ['types', 'default'], `exports["${subpath}"]`);
  }
  assert.is(manifest.exports[VECTORS], VECTORS, 'the test vectors are exported as they are');
});

test('files: the tarball ships dist/src, dist/bin, src, test vectors and docs; no tests, benches or examples', () => {
  const allowed = new RegExp(
    String.raw`^(dist\/src\/|dist\/bin\/|src\/|vectors\/[\w-]+\.json$|docs\/rules\.md$|package\.json$|README\.md$|` +
      String.raw`LICENSE|SECURITY\.md$|CHANGELOG\.md$)`,
  );
  for (const file of VECTOR_FILES) assert.ok(packed.includes(`vectors/${file}`), `vectors/${file} is shipped`);
  for (const path of packed) assert.match(path, allowed, `unexpected file in the tarball: ${path}`);
  for (const path of packed)
    assert.not.match(path, /spec-tests|bench|examples|\.test\./, `test or bench file shipped: ${path}`);
  // src/tsconfig.json extends the repository's tsconfig.json, which is not shipped.
  for (const path of packed) assert.not.match(path, /tsconfig\.json$/, `tsconfig shipped: ${path}`);
  for (const subpath of SUBPATHS) {
    for (const file of Object.values(manifest.exports[subpath] as Record<string, string>)) {
      assert.ok(
        packed.includes(file.replace(/^\.\//, '')),
        `exports["${subpath}"] points at ${file}, which is not in the tarball`,
      );
    }
  }
  for (const bin of Object.values(manifest.bin as Record<string, string>))
    assert.ok(packed.includes(bin), `bin ${bin} is shipped`);
  assert.ok(packed.includes('src/index.ts'), 'the TypeScript sources are shipped for vendoring');
  for (const name of ['trace-context', 'baggage'])
    assert.ok(packed.includes(`vectors/${name}.json`), `the checker's corpus vectors/${name}.json is shipped`);
  assert.ok(packed.includes('docs/rules.md'), 'docs/rules.md, which the CLI points at, is shipped');
});

test('npm pack leaves package.json as it was', () => {
  assert.is(readFileSync(join(ROOT, 'package.json'), 'utf8'), devManifestText);
  assert.not.ok(existsSync(join(ROOT, '.package.dev.json')), 'postpack removed the saved manifest');
});

test("files: no declarations of the CLI, declaration maps beside the library's", () => {
  assert.equal(
    packed.filter((p) => p.startsWith('dist/bin/') && /\.d\.ts(\.map)?$/.test(p)),
    [],
  );
  const declarations = packed.filter((p) => p.startsWith('dist/src/') && p.endsWith('.d.ts'));
  assert.ok(declarations.length > 10);
  for (const d of declarations) assert.ok(packed.includes(`${d}.map`), `${d}.map is shipped`);
});

test('every relative link in README.md points at a file the package ships', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'));
  assert.ok(links.length > 0, 'README has relative links');
  for (const href of links)
    assert.ok(packed.includes(href.split('#')[0]), `README links to ${href}, which the package does not ship`);
});

test('publint: no errors or warnings on the packed tarball', () => {
  const r = run(process.execPath, [devTool('publint', 'src/cli.js'), 'run', tarball, '--strict']);
  assert.is(r.status, 0, output(r));
  assert.match(r.stdout, /All good/, output(r));
});

test('attw: every entry point resolves to ESM with types (node16 from ESM, bundler)', () => {
  const r = run(process.execPath, [
    devTool('@arethetypeswrong/cli', 'dist/index.js'),
    tarball,
    '--profile',
    'esm-only',
    '--no-definitely-typed',
    '--format',
    'json',
  ]);
  assert.is(r.status, 0, output(r));
  const report = JSON.parse(r.stdout) as { problems: Record<string, { entrypoint: string; resolutionKind: string }[]> };
  // esm-only ignores these two; everything else is a real problem.
  const ignored = new Set(['node10', 'node16-cjs']);
  const problems = Object.values(report.problems)
    .flat()
    .filter((p) => !ignored.has(p.resolutionKind));
  assert.equal(problems, [], 'attw problems');
});

test('installed from the tarball: every export imports, requires (where Node has require(esm)); the bin runs', () => {
  const app = join(work, 'app');
  const dir = join(app, 'node_modules', 'w3c-propagation');
  mkdirSync(dir, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  assert.is(untar.status, 0, output(untar));
  writeFileSync(join(app, 'package.json'), '{"type":"module"}');
  const subpaths = SUBPATHS.map((s) => s.replace(/^\./, 'w3c-propagation'));
  writeFileSync(
    join(app, 'check.js'),
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const canRequire = process.features.require_module === true;
const result = {};
for (const id of ${JSON.stringify(subpaths)}) {
  const esm = Object.keys(await import(id)).sort();
  const cjs = canRequire
    ? Object.keys(require(id)).filter((k) => k !== '__esModule' && k !== 'module.exports').sort()
    : esm;
  result[id] = { esm: esm.length, same: JSON.stringify(esm) === JSON.stringify(cjs) };
}
console.log(JSON.stringify(result));
`,
  );
  const r = run(process.execPath, [join(app, 'check.js')], app);
  assert.is(r.status, 0, output(r));
  const result = JSON.parse(r.stdout) as Record<string, { esm: number; same: boolean }>;
  for (const id of subpaths) {
    assert.ok(result[id].esm > 0, `${id} exports something`);
    assert.ok(result[id].same, `${id}: require() sees the same names as import`);
  }
  const bin = run(process.execPath, [join(dir, manifest.bin['w3c-propagation']), 'inspect', 'traceparent', VALID], app);
  assert.is(bin.status, 0, output(bin));
  // The installed checker finds its corpus: it gets as far as connecting (port 9 answers nothing).
  const check = run(
    process.execPath,
    [join(dir, manifest.bin['w3c-propagation']), 'check', 'http://127.0.0.1:9/test', '--baggage', '--json'],
    app,
  );
  assert.is(check.status, 2, output(check));
  assert.is(JSON.parse(check.stdout).error.code, 'unreachable', output(check));
});

test('installed from the tarball: the test vectors load by import (JSON modules) and by require', () => {
  const app = join(work, 'app'); // unpacked by the test before
  const ids = VECTOR_FILES.map((f) => `w3c-propagation/vectors/${f}`);
  writeFileSync(
    join(app, 'vectors.js'),
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const result = {};
for (const id of ${JSON.stringify(ids)}) {
  const imported = (await import(id, { with: { type: 'json' } })).default;
  const required = require(id);
  result[id] = {
    cases: imported.cases?.length ?? 0,
    corpus: imported.corpus ?? null,
    schema: imported.$schema ?? null,
    same: JSON.stringify(imported) === JSON.stringify(required),
  };
}
console.log(JSON.stringify(result));
`,
  );
  const r = run(process.execPath, [join(app, 'vectors.js')], app);
  assert.is(r.status, 0, output(r));
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<
    string,
    { cases: number; corpus: string | null; schema: string | null; same: boolean }
  >;
  const local = (f: string) => JSON.parse(readFileSync(join(ROOT, 'vectors', f), 'utf8'));
  assert.equal(result['w3c-propagation/vectors/trace-context.json'], {
    cases: local('trace-context.json').cases.length,
    corpus: 'trace-context',
    schema: null,
    same: true,
  });
  assert.equal(result['w3c-propagation/vectors/baggage.json'], {
    cases: local('baggage.json').cases.length,
    corpus: 'baggage',
    schema: null,
    same: true,
  });
  assert.equal(result['w3c-propagation/vectors/schema.json'], {
    cases: 0,
    corpus: null,
    schema: 'https://json-schema.org/draft/2020-12/schema',
    same: true,
  });
});

/** Where `npm install <tarball>` put the package, for the tests after it. */
let installed = '';

test("npm install of the tarball in an empty folder prints no warning; the installed manifest is a consumer's", () => {
  const app = join(work, 'npm-app');
  mkdirSync(app);
  const r = npm(['install', '--no-audit', '--no-fund', tarball], app);
  assert.is(r.status, 0, output(r));
  assert.not.match(r.stdout + r.stderr, /npm warn/i, output(r));
  installed = join(app, 'node_modules', 'w3c-propagation');
  const shipped = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const scripts: Record<string, string> = shipped.scripts ?? {};
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
    assert.is(scripts[hook], undefined, `a ${hook} script would run on every install`);
  for (const [name, command] of Object.entries(scripts)) {
    for (const [path] of command.matchAll(/[\w./-]+\.[cm]?js\b/g))
      assert.ok(packed.includes(path), `script ${name} runs ${path}, which is not shipped`);
  }
  assert.is(shipped.devDependencies, undefined);
  assert.is(shipped.allowScripts, undefined);
  const { scripts: _s, devDependencies: _d, allowScripts: _a, ...consumer } = manifest;
  assert.equal(shipped, consumer, 'the shipped manifest is package.json without the dev-only fields');
});

test('TypeScript 5.9 with moduleResolution node10 resolves every entry point (typesVersions)', () => {
  assert.ok(installed, 'installed by the test before');
  const app = dirname(dirname(installed));
  const imports = SUBPATHS.map((s, i) => `import * as m${i} from '${s.replace(/^\./, 'w3c-propagation')}';`);
  const uses = SUBPATHS.map((_, i) => `Object.keys(m${i}).length`);
  writeFileSync(
    join(app, 'node10.ts'),
    `${imports.join('\n')}\nexport const counts: number[] = [${uses.join(', ')}];\n`,
  );
  // ./node needs @types/node, as the README says; the repository's copy stands in for the user's.
  const compilerOptions = {
    target: 'ES2020',
    lib: ['ES2020'],
    module: 'commonjs',
    moduleResolution: 'node10',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['node10.ts'] }));
  const version = run(process.execPath, [devTool('typescript5', 'bin/tsc'), '--version'], app);
  assert.match(version.stdout, /^Version 5\.9\./, output(version));
  // node10 knows no `exports`: without typesVersions every subpath is TS2307, so exit 0 is the proof.
  const tsc = run(process.execPath, [devTool('typescript5', 'bin/tsc'), '-p', join(app, 'tsconfig.json')], app);
  assert.is(tsc.status, 0, output(tsc));
});

test('./otel: its types compile in a project without @opentelemetry/api, and it never imports it', () => {
  const app = join(work, 'otel-app');
  const dir = join(app, 'node_modules', 'w3c-propagation');
  mkdirSync(dir, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  assert.is(untar.status, 0, output(untar));
  writeFileSync(join(app, 'package.json'), '{"type":"module"}');
  // A structural stand-in for the api module: the .d.ts must need nothing else.
  writeFileSync(
    join(app, 'use.ts'),
    `import { createOtelPropagators, OtelTraceState, type OtelApi, type Context } from 'w3c-propagation/otel';
declare const api: OtelApi;
declare const ctx: Context;
const { composite } = createOtelPropagators(api, { baggageLimits: { maxMembers: 64 } });
const carrier: Record<string, string> = {};
composite.inject(ctx, carrier);
const state: string = new OtelTraceState('rojo=1').set('congo', '2').serialize();
export { state };
`,
  );
  const tsconfig = {
    compilerOptions: {
      target: 'ES2020',
      lib: ['ES2020'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: false,
    },
    files: ['use.ts'],
  };
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = run(process.execPath, [devTool('typescript', 'bin/tsc'), '-p', join(app, 'tsconfig.json')], app);
  assert.is(tsc.status, 0, output(tsc));
  // Loads and works with no @opentelemetry package anywhere on its resolution path.
  writeFileSync(
    join(app, 'load.js'),
    `import { createOtelPropagators } from 'w3c-propagation/otel';
import { createRequire } from 'node:module';
let found = true;
try { createRequire(import.meta.url).resolve('@opentelemetry/api'); } catch { found = false; }
const fields = createOtelPropagators({
  trace: { getSpanContext() {}, setSpanContext(c) { return c; } },
  propagation: { getBaggage() {}, setBaggage(c) { return c; }, createBaggage() { return {}; } },
  baggageEntryMetadataFromString: (s) => ({ toString: () => s }), createContextKey: (d) => Symbol.for(d),
}).composite.fields();
console.log(JSON.stringify({ found, fields }));
`,
  );
  const load = run(process.execPath, [join(app, 'load.js')], app);
  assert.is(load.status, 0, output(load));
  assert.equal(JSON.parse(load.stdout), { found: false, fields: ['traceparent', 'tracestate', 'baggage'] });
  assert.equal(manifest.peerDependencies, { '@opentelemetry/api': '^1.0.0' });
  assert.equal(manifest.peerDependenciesMeta, { '@opentelemetry/api': { optional: true } });
});

test('types: the published .d.ts hold no internal member (stripInternal); compile for a consumer on their own', () => {
  const app = join(work, 'types-app');
  const dir = join(app, 'node_modules', 'w3c-propagation');
  mkdirSync(dir, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  assert.is(untar.status, 0, output(untar));
  const declarations = packed.filter((f) => f.startsWith('dist/src/') && f.endsWith('.d.ts'));
  assert.ok(declarations.length > 10, `${declarations.length} .d.ts files`);
  for (const file of declarations) {
    const text = readFileSync(join(dir, file), 'utf8');
    assert.not.match(text, /@internal/, file);
    // A `_x` member is internal state; `private _x;` lines carry no type and are allowed.
    const exposed = text
      .split('\n')
      .filter((line) => /^\s+(?:readonly\s+|protected\s+|static\s+)*_\w+\s*[(:?;]/.test(line));
    assert.equal(exposed, [], file);
  }
  writeFileSync(join(app, 'package.json'), '{"type":"module"}');
  const imports = SUBPATHS.map(
    (s, i) => `import * as m${i} from '${s === '.' ? 'w3c-propagation' : `w3c-propagation/${s.slice(2)}`}';`,
  ).join('\n');
  writeFileSync(
    join(app, 'use.ts'),
    `${imports}
import { Baggage, TraceState, createBaggage, parseBaggage } from 'w3c-propagation';
const empty: Baggage = new Baggage();
// @ts-expect-error the constructor takes no internal state
new Baggage(undefined, 'a=b');
// @ts-expect-error internal fields are not part of the types
parseBaggage('a=1')._e;
// @ts-expect-error internal fields are not part of the types
new TraceState('a=1')._s;
const members: { key: string; value: string }[] = new TraceState('a=1').toJSON();
const json: string = JSON.stringify(createBaggage({ k: 'v' }).toJSON()) + empty.size + members.length;
export { json, ${SUBPATHS.map((_, i) => `m${i}`).join(', ')} };
`,
  );
  // `./node` names node:http in its types: @types/node from this package's own devDependencies.
  const typeRoots = [join(ROOT, 'node_modules', '@types')];
  const tsconfig = {
    compilerOptions: {
      target: 'ES2020',
      lib: ['ES2020', 'DOM'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      typeRoots,
      types: ['node'],
      skipLibCheck: false,
    },
    files: ['use.ts'],
  };
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = run(process.execPath, [devTool('typescript', 'bin/tsc'), '-p', join(app, 'tsconfig.json')], app);
  assert.is(tsc.status, 0, output(tsc));
});

test.run();
