// Everything the package's "." entry exports.
export * from '../../src/index.js';
