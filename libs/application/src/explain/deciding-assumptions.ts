import { ASSUMPTIONS, type AssumptionDefinition, type Assumptions, type TrustListDecision, type TvsAttempt } from '@trustsim/domain';
import type { RunView } from '../projections/run-view';
import { formatSimTime } from '../reports/sim-time';
import type { ExplainedEvent } from './explain-phone';

type Data = Record<string, unknown>;

/** `name = value (other values: …)`: how an explanation names an assumption. */
export function namedAssumption(assumptions: Assumptions, name: keyof Assumptions): string {
  const def = (ASSUMPTIONS as Record<string, AssumptionDefinition>)[name];
  const value = assumptions[name];
  const others = def.values.filter((v) => v !== value).map(String);
  return `assumption ${name} = ${String(value)}${value === def.default ? ' (the default)' : ''}; other readings: ${others.join(', ')}`;
}

/**
 * The assumptions that decided a phone's fate, each in one line saying what it decided and under which
 * reading it would have gone otherwise (issue 14: a phone's outcome must not hang on a modelling choice
 * nobody is told about). Read from the phone's last boot — the decisions its outcome rests on — and the
 * decision its next reset would make; timing is named when the cluster changed again while the phone
 * waited for its automatic reset.
 */
export function decidingAssumptions(view: RunView, events: readonly ExplainedEvent[], name: string, next: TrustListDecision | undefined): string[] {
  const assumptions = view.world.assumptions;
  const phone = view.phone(name);
  if (!phone) return [];
  const resetIndex = lastIndex(events, (e) => e.category === 'phone' && e.type === 'PhoneReset');
  const lastBoot = events.slice(Math.max(0, resetIndex)).filter((e) => e.category === 'phone');
  const notes = new Map<keyof Assumptions, string>();
  const note = (key: keyof Assumptions, what: string) => {
    if (!notes.has(key)) notes.set(key, `${what} — ${namedAssumption(assumptions, key)}`);
  };

  // Every TVS question of the last boot (and of the next reset's dry run), with the certificate asked about.
  const questions: { signer: unknown; tvs: readonly TvsAttempt[]; ctl: boolean }[] = [];
  for (const e of lastBoot) {
    const d = e.data as Data;
    // PhoneSettled carries a `tvs` too, as text: only the decisions' lists of attempts count.
    const tvs = [d.tvs, d.servicesTvs].find(Array.isArray) as TvsAttempt[] | undefined;
    if (tvs?.length) questions.push({ signer: d.signer ?? d.servicesServer, tvs, ctl: e.type === 'CtlAccepted' || e.type === 'CtlUpdateFailed' });
  }
  if (next && !next.accepted && next.tvs?.length) questions.push({ signer: undefined, tvs: next.tvs, ctl: false });

  for (const q of questions) {
    if (q.tvs.some((t) => t.awaitingReplication)) {
      const where = q.tvs.find((t) => t.awaitingReplication)!;
      note('trustReplicationDelay', `TVS ${where.cluster}/${where.node} did not know the certificate yet: it was uploaded on another node and had not replicated there`);
    }
    const id = typeof q.signer === 'string' ? view.world.identity(q.signer) : undefined;
    for (const t of q.tvs) {
      if (t.cachedUntil || (t.outcome !== 'refused' && t.outcome !== 'vouched')) continue;
      if (id?.purpose === 'ITLRecovery' && id.cluster === t.cluster) {
        note('tvsVouchesForOwnItlRecovery', `TVS ${t.cluster}/${t.node} ${t.outcome === 'vouched' ? 'vouched' : 'did not vouch'} for its own cluster's ITLRecovery as the new signer`);
      }
      // A CTL's signer TVS does not know from its database: only the CTL it caches lists it (both readings may apply).
      if (q.ctl && id?.purpose !== 'CallManager' && view.world.cluster(t.cluster).security === 'mixed') {
        note('tvsVouchesForCtlSigners', `TVS ${t.cluster}/${t.node} ${t.outcome === 'vouched' ? 'vouched' : 'did not vouch'} for the new CTL's signer, which only the CTL it caches lists`);
      }
    }
  }

  for (const e of lastBoot) {
    const d = e.data as Data;
    if (e.type === 'TrustListUpdateFailed' && d.reason === 'too-large' && assumptions.itlCarriesPhoneSastTrust === true) {
      note('itlCarriesPhoneSastTrust', 'the ITL it could not load lists its TFTP node\'s Phone-SAST-trust certificates, which no source puts in the ITL');
    }
    // Whether it registers on a refused configuration is the reading; a locked phone is locked either way.
    if (e.type === 'ConfigRejected' && view.outcome(name)?.status !== 'locked') note('configSignatureFailure', 'its configuration file\'s signer was refused, and whether it still registers on the stale one is a reading');
    if (e.type === 'PhoneReset' && d.tvsCache === 'kept' && questions.some((q) => q.tvs.some((t) => t.cachedUntil))) {
      note('tvsCacheAcrossReset', 'it answered a question from TVS answers cached before its reset');
    }
    if (e.type === 'PhoneRegistrationFailed' && typeof d.detail === 'string' && d.detail.includes('unknownModelKeySizes')) {
      note('unknownModelKeySizes', 'no source says which CallManager key sizes its model handles');
    }
  }

  const wave = waveTiming(events, resetIndex, phone.entry.facts.cluster);
  if (wave) note('automaticResetTiming', wave);
  return [...notes.values()];
}

/**
 * When the phone's last reset was an automatic wave and its cluster changed again between the change that
 * started the wave and the phone's reset, at a later instant: the phone met both changes at once, which
 * another pacing of the wave would have spared it (or not).
 */
function waveTiming(events: readonly ExplainedEvent[], resetIndex: number, cluster: string): string | undefined {
  if (resetIndex < 0) return undefined;
  const reset = events[resetIndex];
  const cause = (reset.data as Data).cause;
  const scheduled = lastIndex(events.slice(0, resetIndex), (e) => e.category === 'cluster' && e.id === cluster && e.type === 'AutomaticResetsScheduled' && (e.data as Data).cause === cause);
  if (scheduled < 0) return undefined;
  const start = events[scheduled];
  const changed = events
    .slice(scheduled + 1, resetIndex)
    .find((e) => e.at > start.at && (e.id === cluster || e.id.startsWith(`${cluster}.`)) && (e.type === 'CertRegenerated' || e.type === 'ItlResigned' || e.type === 'CtlUpdated' || e.type === 'BackupRestored'));
  if (!changed) return undefined;
  const d = start.data as Data;
  const pace = Number(d.batchSize) >= Number.MAX_SAFE_INTEGER ? 'every phone at once' : `${Number(d.batchSize).toLocaleString('en-US')} phones every ${formatSimTime(Number(d.intervalMs))}`;
  return `its automatic reset (${String(cause)}) came ${formatSimTime(reset.at - start.at)} after the change that started the wave (${pace}), and the cluster changed again meanwhile (${changed.type}, ${formatSimTime(changed.at - start.at)} after it): the phone met both changes at once`;
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
