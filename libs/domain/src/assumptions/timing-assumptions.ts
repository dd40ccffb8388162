import type { AssumptionDefinition } from './assumptions';

/**
 * Modelling constants of time that can decide a phone's fate, named so that a run says which reading it
 * followed and `--all-assumptions` shows what changes under the others. No Cisco document gives these
 * figures; the defaults are chosen so that a procedure written as Cisco documents it, with no waits Cisco
 * does not ask for, behaves as Cisco says it does (issue 14): the chapter's Bulk Certificate Export goes
 * from "import the TFTP certificates" straight to "point the phones at the new cluster" [chapter], so the
 * import must have reached every node's TVS by the time the first phone asks one.
 *
 * Durations documented by a source are rules, not assumptions (timing-rules.ts).
 */
export const TIMING_ASSUMPTIONS = {
  trustReplicationDelay: {
    name: 'trustReplicationDelay',
    values: ['immediate', '1m', '30m'],
    default: 'immediate',
    sources:
      'how long a trust certificate uploaded on one node takes to reach the others. The database replicates it and the ' +
      'Certificate Change Notification service writes it to each node\'s file system, with a periodic resync every 1800 s ' +
      '(CN_SYNC_TIMER) [SCN]; no figure is published. immediate: before any background work of the same instant (phone ' +
      'resets), as the chapter\'s Bulk Certificate Export needs — it moves phones right after the import [chapter]; ' +
      '1m: shortly after (trustsim\'s former constant); 30m: only at the next periodic resync, the worst case [SCN] — one ' +
      'migration write-up advises not to rely on the sync and to check each node [SINSW]',
  },
  automaticResetTiming: {
    name: 'automaticResetTiming',
    values: ['prompt', 'immediate', 'slow'],
    default: 'prompt',
    sources:
      'when the phones reset after a certificate update with "Phone Interaction on Certificate Update" automatic, and how ' +
      'fast: the guides say only that phones "might" reset and to "wait until all the phones have automatically restarted" ' +
      '[chapter] [SREL14]. prompt: the wave starts a minute after the change and resets 1,000 phones a minute (40,000 ' +
      'phones in ~40 minutes; trustsim\'s former constants); immediate: every phone at once, right after the steps of that ' +
      'instant; slow: ten minutes after the change, 100 phones a minute. A plan that waits for the resets (`waitFor`) ' +
      'does not depend on it; one that makes the next change after a fixed wait may',
  },
} as const satisfies Record<string, AssumptionDefinition>;

type Minutes = number;
const MINUTE = 60_000;

/** How long a replicated trust certificate takes to reach the other nodes, by reading of trustReplicationDelay. */
export function trustReplicationDelayMs(value: (typeof TIMING_ASSUMPTIONS)['trustReplicationDelay']['values'][number]): number {
  const minutes: Record<typeof value, Minutes> = { immediate: 0, '1m': 1, '30m': 30 };
  return minutes[value] * MINUTE;
}

/** An automatic reset wave: it starts `delayMs` after the change and resets `batchSize` phones every `intervalMs`. */
export interface ResetWavePacing {
  readonly delayMs: number;
  readonly batchSize: number;
  readonly intervalMs: number;
}

/** The pacing of an automatic reset wave, by reading of automaticResetTiming. */
export function automaticResetPacing(value: (typeof TIMING_ASSUMPTIONS)['automaticResetTiming']['values'][number]): ResetWavePacing {
  switch (value) {
    case 'prompt':
      return { delayMs: MINUTE, batchSize: 1000, intervalMs: MINUTE };
    case 'immediate':
      return { delayMs: 0, batchSize: Number.MAX_SAFE_INTEGER, intervalMs: 0 };
    case 'slow':
      return { delayMs: 10 * MINUTE, batchSize: 100, intervalMs: MINUTE };
  }
}

/** The reading's pacing in words, for explanations. */
export function describePacing(p: ResetWavePacing): string {
  if (p.batchSize === Number.MAX_SAFE_INTEGER) return `every phone at once${p.delayMs ? ` ${p.delayMs / MINUTE} min after the change` : ', right after the change'}`;
  return `starting ${p.delayMs / MINUTE} min after the change, ${p.batchSize.toLocaleString('en-US')} phones every ${p.intervalMs / MINUTE} min`;
}
