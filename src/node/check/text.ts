/** Short forms for messages: corpus headers can be kilobytes long (257-char keys, 64 members). */

/** `s` itself when short; else its start, '…', its end and its length. */
export function abbreviate(s: string, max = 100): string {
  if (s.length <= max) return s;
  const head = Math.ceil((max - 20) * 0.6);
  const tail = max - 20 - head;
  return `${s.slice(0, head)}…${tail > 0 ? s.slice(-tail) : ''} (${s.length} chars)`;
}

/** Up to five keys, abbreviated, then how many more. */
export function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => abbreviate(k, 40));
  return keys.length > 5 ? `${shown.join(', ')} and ${keys.length - 5} more` : shown.join(', ');
}
