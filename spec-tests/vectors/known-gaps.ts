/**
 * Cases where this library does not give the corpus's answer yet, each with the reason. The
 * corpus says what the spec requires; the tests check that each gap listed here is still there
 * (a fix makes them fail until the entry is removed) and that no other case disagrees.
 */
const MEMBER_BYTES =
  'DEFAULT_BAGGAGE_LIMITS.maxMemberBytes is 4,096 (the per-member cap of an older Baggage draft, still in OpenTelemetry SDKs): ' +
  'a longer member is dropped, but BG-16 requires keeping every member of a header of at most 64 members and 8,192 bytes';

export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'bg-limit-member-4097-bytes': MEMBER_BYTES,
  'bg-limit-member-5000-bytes-between': MEMBER_BYTES,
};
