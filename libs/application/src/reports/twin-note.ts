import { TWIN_KEYS_NOTE } from '@trustsim/twin';

/** Where a twin came from, as a run keeps it (run-setup.ts TwinSetup, scenario TwinProvenance). */
export interface TwinOrigin {
  readonly keys: 'minted';
  readonly importedAt: string;
  readonly sources: readonly string[];
}

/**
 * The one sentence every report of a twin's run says once (text, JSON, JUnit, HTML, explain, show): the
 * real private keys stayed on the cluster and trustsim minted its own for the same identities — so a
 * fingerprint in a report is the twin's, not the cluster's. The same words as `trustsim check` (@trustsim/twin).
 */
export function twinKeysNote(twin: TwinOrigin | undefined | null): string | undefined {
  return twin ? TWIN_KEYS_NOTE : undefined;
}
