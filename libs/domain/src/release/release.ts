/**
 * CUCM release strings as administrators write them ("11.5(1)SU9", "12.5(1)SU3", "14SU2", "15") and
 * their ordering. Behaviour that changed between releases is decided by comparing against the
 * release in which it changed (see release-profile.ts), never by string matching.
 */
export interface Release {
  text: string;
  major: number;
  minor: number;
  /** Maintenance release, the number in parentheses ("12.5(1)" → 1). */
  mr: number;
  /** Service update ("SU3" → 3); 0 when absent. */
  su: number;
}

const RELEASE = /^(\d+)(?:\.(\d+))?(?:\((\d+)\))?(?:\s*SU(\d+)[a-z]?)?$/i;

export class InvalidReleaseError extends Error {}

export function parseRelease(text: string): Release {
  const m = RELEASE.exec(text.trim());
  if (!m) {
    throw new InvalidReleaseError(
      `"${text}" is not a CUCM release (expected forms like 11.5(1)SU9, 12.5(1)SU3, 14SU2, 15)`,
    );
  }
  const major = Number(m[1]);
  if (major < 8 || major > 15) {
    throw new InvalidReleaseError(`release ${text}: trustsim models CUCM 8.0 to 15`);
  }
  return { text, major, minor: Number(m[2] ?? 0), mr: Number(m[3] ?? 0), su: Number(m[4] ?? 0) };
}

/** Negative when a is older than b. */
export function compareReleases(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor || a.mr - b.mr || a.su - b.su;
}

/** True when `release` is `since` or newer; `since` is written like a release string. */
export function isAtLeast(release: Release, since: string): boolean {
  return compareReleases(release, parseRelease(since)) >= 0;
}

/** True when `release` is older than `until`; `until` is written like a release string. */
export function isBefore(release: Release, until: string): boolean {
  return !isAtLeast(release, until);
}
