/** Reads `--name <n>` / `--name=<n>` from argv, else an environment variable, else a default. */
export function readOption(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1] ?? '';
    if (argv[i].startsWith(flag + '=')) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}

/** A TCP port from `flag`, then `env`, then `fallback`; a string explaining the problem otherwise. */
export function readPort(
  argv: readonly string[],
  flag: string,
  env: string | undefined,
  fallback: number,
): number | string {
  const raw = readOption(argv, flag) ?? env;
  if (raw === undefined || raw === '') return raw === '' ? `${flag} needs a port number` : fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) return `${flag}: '${raw}' is not a port number (1-65535)`;
  return port;
}
