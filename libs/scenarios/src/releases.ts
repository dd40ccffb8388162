/**
 * CUCM release strings as a scenario writes them (`11.5(1)SU9`, `12.5(1)SU3`, `14SU2`, `15`), read with the
 * same grammar and range as the simulator (libs/domain release.ts `parseRelease`), so `validate` refuses
 * exactly the releases `run` would. releases.agreement.spec.ts checks the two never drift apart; this copy
 * keeps libs/scenarios free of the domain library.
 */

export interface ReleaseParts {
  major: number;
  minor: number;
  /** Maintenance release, the number in parentheses. */
  mr: number;
  /** Service update; 0 when absent. */
  su: number;
}

const RELEASE = /^(\d+)(?:\.(\d+))?(?:\((\d+)\))?(?:\s*SU(\d+)[a-z]?)?$/i;

/** The releases trustsim models: 8.0 to 15 (README, "What trustsim models"). */
export const RELEASE_RANGE = { min: 8, max: 15 } as const;

export const RELEASE_EXPECTED = `a release from 8.0 to 15, such as 11.5(1)SU9, 12.5(1)SU3, 14SU2 or 15SU1`;

/** The parts of a release, or why it is not one trustsim can run. */
export function readRelease(text: string): { release: ReleaseParts } | { problem: string } {
  const m = RELEASE.exec(text.trim());
  if (!m) return { problem: `'${text}' is not a CUCM release` };
  const major = Number(m[1]);
  if (major < RELEASE_RANGE.min || major > RELEASE_RANGE.max) {
    return { problem: `release ${text}: trustsim models CUCM ${RELEASE_RANGE.min}.0 to ${RELEASE_RANGE.max}` };
  }
  return { release: { major, minor: Number(m[2] ?? 0), mr: Number(m[3] ?? 0), su: Number(m[4] ?? 0) } };
}

/** True when `release` is `since` or newer (major, minor, maintenance release, service update). */
export function releaseAtLeast(release: ReleaseParts, since: ReleaseParts): boolean {
  const order = release.major - since.major || release.minor - since.minor || release.mr - since.mr || release.su - since.su;
  return order >= 0;
}
