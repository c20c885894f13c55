/**
 * Vendoring: the core files can be copied into another project and compiled there, with no
 * build step, no Node types and no other file of this package.
 *
 * Each check copies a set of src/ files into a temporary folder and type-checks them alone with
 * this project's TypeScript, under the strictest settings an SDK is likely to compile them with
 * (VENDOR_OPTIONS): `strict` and the checks `strict` leaves out, `lib: ["ES2017"]` (no DOM, no
 * ES2018+ API such as `flat` or `Object.fromEntries`), `types: []` (no @types/node). A hidden
 * import fails as an unresolved module; a Node global (`Buffer`, `process`) fails as an unknown
 * name. The per-feature sets are the ones README "Vendoring" tells people to copy; they are also
 * checked with `erasableSyntaxOnly`, so type stripping can run them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../helpers/paths.js';

const ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The files to copy for each feature, as the README lists them (without the `.ts`). */
const FEATURES: Record<string, { roots: string[]; files: string[] }> = {
  'traceparent codec': { roots: ['trace-context/traceparent'], files: ['trace-context/traceparent', 'internal/hex'] },
  'traceparent codec with inspect': {
    roots: ['trace-context/traceparent', 'trace-context/traceparent-inspect'],
    files: [
      'trace-context/traceparent',
      'trace-context/traceparent-inspect',
      'inspect/problem',
      'internal/chars',
      'internal/hex',
    ],
  },
  'tracestate codec': {
    roots: ['trace-context/tracestate'],
    files: ['trace-context/tracestate', 'internal/alloc', 'internal/print'],
  },
  'tracestate codec with inspect': {
    roots: ['trace-context/tracestate', 'trace-context/tracestate-inspect'],
    files: [
      'trace-context/tracestate',
      'trace-context/tracestate-inspect',
      'inspect/problem',
      'inspect/problems',
      'internal/alloc',
      'internal/chars',
      'internal/print',
    ],
  },
  'baggage codec': {
    roots: ['baggage/baggage'],
    files: ['baggage/baggage', 'baggage/percent', 'internal/alloc', 'internal/chars', 'internal/print'],
  },
  'baggage codec with inspect': {
    roots: ['baggage/baggage', 'baggage/inspect'],
    files: [
      'baggage/baggage',
      'baggage/inspect',
      'baggage/percent',
      'inspect/problem',
      'inspect/problems',
      'internal/alloc',
      'internal/chars',
      'internal/print',
    ],
  },
  'trace-context propagator': {
    roots: ['trace-context/propagator'],
    files: [
      'trace-context/propagator',
      'context/context',
      'internal/alloc',
      'internal/hex',
      'internal/print',
      'propagation/carriers',
      'propagation/headers',
      'propagation/propagator',
      'trace-context/traceparent',
      'trace-context/tracestate',
      'trace-context/tracestate-inject',
      'trace/ids',
      'trace/span',
    ],
  },
  'baggage propagator': {
    roots: ['baggage/propagator'],
    files: [
      'baggage/propagator',
      'baggage/baggage',
      'baggage/context',
      'baggage/percent',
      'context/context',
      'internal/alloc',
      'internal/chars',
      'internal/print',
      'propagation/carriers',
      'propagation/headers',
      'propagation/propagator',
    ],
  },
  'active context': { roots: ['context/manager'], files: ['context/manager', 'context/context'] },
  'Server-Timing trace metric': {
    roots: ['server-timing/server-timing'],
    files: ['server-timing/server-timing', 'internal/chars', 'internal/hex', 'trace-context/traceparent'],
  },
  'Server-Timing trace metric with inspect': {
    roots: ['server-timing/server-timing', 'server-timing/inspect'],
    files: [
      'server-timing/server-timing',
      'server-timing/inspect',
      'inspect/problem',
      'inspect/problems',
      'internal/chars',
      'internal/hex',
      'trace-context/traceparent',
      'trace-context/traceparent-inspect',
    ],
  },
  'trace-response propagator': {
    roots: ['server-timing/propagator'],
    files: [
      'server-timing/propagator',
      'context/context',
      'internal/alloc',
      'internal/chars',
      'internal/hex',
      'propagation/carriers',
      'propagation/propagator',
      'server-timing/server-timing',
      'trace-context/traceparent',
      'trace/ids',
      'trace/span',
    ],
  },
  'environment carriers': {
    roots: ['propagation/env'],
    files: ['propagation/env', 'context/context', 'propagation/headers', 'propagation/propagator'],
  },
  'OpenTelemetry bridge': {
    roots: ['otel/index'],
    files: [
      'otel/index',
      'baggage/baggage',
      'baggage/context',
      'baggage/percent',
      'baggage/propagator',
      'context/context',
      'internal/alloc',
      'internal/chars',
      'internal/hex',
      'internal/print',
      'otel/api',
      'otel/baggage',
      'otel/received-baggage',
      'otel/received-context',
      'otel/trace-context',
      'otel/trace-state',
      'propagation/carriers',
      'propagation/composite',
      'propagation/headers',
      'propagation/propagator',
      'trace-context/traceparent',
      'trace-context/tracestate',
      'trace-context/tracestate-inject',
      'trace/ids',
    ],
  },
};

/** The core: every src/ file but the `node/` adapters and the `otel/` bridge, as names under src/. */
function coreFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('node/') && !f.startsWith('otel/'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The src/otel/*.ts files (the OpenTelemetry bridge), as `otel/name`. */
function otelFiles(): string[] {
  return readdirSync(join(SRC, 'otel'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `otel/${f.slice(0, -3)}`)
    .sort();
}

/** Relative `./x.js` / `../x.js` specifiers a file imports or re-exports, types included, as names under src/. */
function localImports(name: string): string[] {
  const code = readFileSync(join(SRC, `${name}.ts`), 'utf8');
  return [...code.matchAll(/\bfrom\s+'(\.\.?\/[\w/-]+)\.js'/g)].map((m) =>
    posix.normalize(posix.join(posix.dirname(name), m[1])),
  );
}

function closure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    localImports(name).forEach(visit);
  };
  roots.forEach(visit);
  return [...seen].sort();
}

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/**
 * The compiler options the vendored files must pass. `target` is ES2017 too, not only `lib`: tsc
 * rejects, per target, syntax it cannot lower (regex flags and named groups, BigInt literals), so
 * an SDK that compiles for ES2017 gets no error either; `?.`, `??` and `??=` it lowers. Neither
 * setting checks what an ES2017 engine runs: README "Vendoring" says what the files need.
 */
const VENDOR_OPTIONS = {
  target: 'ES2017',
  lib: ['ES2017'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitOverride: true,
  noEmit: true,
  types: [],
  verbatimModuleSyntax: true,
};

/** Copies `files` (names under src/, without `.ts`) to a fresh folder and runs `tsc --noEmit` there. */
function typeCheckAlone(
  files: readonly string[],
  options: { erasable?: boolean; extra?: string } = {},
): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'w3c-propagation-vendor-'));
  try {
    for (const f of files) {
      mkdirSync(dirname(join(dir, `${f}.ts`)), { recursive: true });
      cpSync(join(SRC, `${f}.ts`), join(dir, `${f}.ts`));
    }
    const names = files.map((f) => `${f}.ts`);
    if (options.extra !== undefined) {
      writeFileSync(join(dir, 'extra.ts'), options.extra);
      names.push('extra.ts');
    }
    const compilerOptions = { ...VENDOR_OPTIONS, ...(options.erasable ? { erasableSyntaxOnly: true } : {}) };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: names }, null, 2));
    const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('vendoring: no core file imports a node: module or uses Buffer or process', () => {
  for (const name of coreFiles()) {
    const code = withoutComments(readFileSync(join(SRC, `${name}.ts`), 'utf8'));
    assert.not.match(code, /['"]node:/, `${name}.ts imports a node: module`);
    assert.not.match(code, /\bBuffer\b/, `${name}.ts uses Buffer`);
    assert.not.match(code, /\bprocess\s*\./, `${name}.ts uses process`);
    assert.not.match(code, /\brequire\s*\(/, `${name}.ts calls require`);
  }
});

test('vendoring: the core imports only other core files', () => {
  const core = new Set(coreFiles());
  for (const name of core) {
    for (const dep of localImports(name))
      assert.ok(core.has(dep), `${name}.ts imports ./${dep}.js, which is not a core file`);
    const code = withoutComments(readFileSync(join(SRC, `${name}.ts`), 'utf8'));
    const bare = [...code.matchAll(/\bfrom\s+'([^'.][^']*)'/g)].map((m) => m[1]);
    assert.equal(bare, [], `${name}.ts imports packages`);
  }
});

test('vendoring: src/otel imports no package, not even @opentelemetry/api types, and no node: module', () => {
  const files = otelFiles();
  assert.ok(files.includes('otel/index'), `found the bridge: ${files.join(', ')}`);
  const core = new Set(coreFiles());
  for (const name of files) {
    const code = withoutComments(readFileSync(join(SRC, `${name}.ts`), 'utf8'));
    assert.not.match(code, /['"]node:/, `${name}.ts imports a node: module`);
    assert.not.match(code, /\bBuffer\b/, `${name}.ts uses Buffer`);
    assert.not.match(code, /\bprocess\s*\./, `${name}.ts uses process`);
    const bare = [...code.matchAll(/\b(?:from|import)\s+'([^'.][^']*)'/g)].map((m) => m[1]);
    assert.equal(bare, [], `${name}.ts imports packages`);
    for (const dep of localImports(name))
      assert.ok(core.has(dep) || files.includes(dep), `${name}.ts imports ${dep}, neither core nor bridge`);
  }
});

test('vendoring: the core (src/ but node/, otel/) type-checks alone: strict, ES2017, no DOM/Node, erasable', () => {
  const files = coreFiles();
  assert.ok(files.length >= 10, `found the core files: ${files.join(', ')}`);
  const r = typeCheckAlone(files, { erasable: true });
  assert.ok(r.ok, `tsc --noEmit on the core alone:\n${r.output}`);
});

for (const [feature, { roots, files }] of Object.entries(FEATURES)) {
  test(`vendoring: ${feature} is ${files.map((f) => `${f}.ts`).join(' + ')}`, () => {
    assert.equal(
      closure(roots),
      [...files].sort(),
      'the documented file set is the import closure; update README-sections.md with it',
    );
  });

  test(`vendoring: ${feature} type-checks alone, strict and ES2017, erasable syntax only (type stripping)`, () => {
    const r = typeCheckAlone(files, { erasable: true });
    assert.ok(r.ok, `tsc --noEmit on ${files.join(', ')}:\n${r.output}`);
  });
}

test('vendoring: the check itself catches a Node global', () => {
  const r = typeCheckAlone(['inspect/problem'], { extra: 'export const leak = Buffer.from("x");\n' });
  assert.not.ok(r.ok, 'Buffer must be an unknown name without @types/node');
  assert.match(r.output, /Buffer/);
});

test('vendoring: the check itself catches an ES2019 API, an unchecked index and an unused local', () => {
  const cases = [
    ['export const flat = [[1], [2]].flat();\n', /flat/],
    ['const list: number[] = [1];\nexport const first: number = list[0];\n', /TS2322/],
    ['export function f(): number {\n  const unused = 1;\n  return 2;\n}\n', /unused/],
  ] as const;
  for (const [extra, error] of cases) {
    const r = typeCheckAlone(['inspect/problem'], { extra });
    assert.not.ok(r.ok, `must not type-check:\n${extra}`);
    assert.match(r.output, error);
  }
});

test.run();
