#!/usr/bin/env node
/** The `w3c-propagation` command: see `w3c-propagation --help`. */
import { main } from './cli/main.js';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readStdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`w3c-propagation: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
