/**
 * Cases where this library does not give the corpus's answer yet, each with the reason. The
 * corpus says what the spec requires; the tests check that each gap listed here is still there
 * (a fix makes them fail until the entry is removed) and that no other case disagrees.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {};
