// The Server-Timing trace metric codec alone (TC-34): what a web page that reads the server's span imports.
export { parseServerTimingTrace, formatServerTimingTrace } from '../../src/server-timing/server-timing.js';
