import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({ stdin: { contents: "export { createOtelPropagators } from '/work/wt/otel/dist/src/otel/index.js';", resolveDir: '.' }, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false });
console.log('min', r.outputFiles[0].contents.byteLength, 'gzip', gzipSync(r.outputFiles[0].contents, { level: 9 }).byteLength);
