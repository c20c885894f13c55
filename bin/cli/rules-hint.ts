/** Where the rule ids that inspect and check print are explained (the package ships the file). */
export const RULES_HINT = 'rule ids: see docs/rules.md in the w3c-propagation package';

const RULE_ID = /\b(?:TC|BG)-\d+\b/;

export function citesRule(lines: readonly string[]): boolean {
  return lines.some((line) => RULE_ID.test(line));
}
