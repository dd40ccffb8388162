import type { Assumptions } from '../assumptions/assumptions';
import { automaticResetPacing, type ResetWavePacing } from '../assumptions/timing-assumptions';

/**
 * "Phone Interaction on Certificate Update" (Security Parameters, 14+): when a TVS, CAPF or TFTP
 * (CallManager / ITLRecovery) certificate is updated, phones are reset automatically by default, or
 * left for the administrator to reset when the parameter says manual [SREL14] [S14] (§10.1).
 * Before 14 the guides say phones "might" reset by themselves after such a change [chapter]; trustsim
 * applies the same parameter there, with the same default, and a scenario can set it.
 */
export function certificateUpdateResetsPhones(purpose: string, phoneInteraction: string): boolean {
  return phoneInteraction === 'automatic' && ['TVS', 'CAPF', 'CallManager', 'ITLRecovery'].includes(purpose);
}

/**
 * How the cluster paces an automatic reset wave: not documented, so assumption automaticResetTiming
 * (timing-assumptions.ts) decides; by default it starts a minute after the change and resets 1,000 phones
 * a minute (40,000 phones in ~40 minutes).
 */
export function automaticResetWave(assumptions: Pick<Assumptions, 'automaticResetTiming'>): ResetWavePacing {
  return automaticResetPacing(assumptions.automaticResetTiming);
}

/** The pacing of a wave scheduled before the pacing was recorded with it (runs stored by earlier releases). */
export const FORMER_RESET_WAVE: ResetWavePacing = automaticResetPacing('prompt');
