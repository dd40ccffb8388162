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

/** How the cluster paces automatic resets (not documented; chosen so 40,000 phones take ~40 minutes). */
export const AUTOMATIC_RESET_WAVE = { delayMs: 60_000, batchSize: 1000, intervalMs: 60_000 } as const;
