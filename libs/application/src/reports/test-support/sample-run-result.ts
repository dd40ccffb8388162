import { defaultAssumptions, PhoneStatus } from '@trustsim/domain';
import { ExplainedOutcome, ReportInput } from '../report-input';

/*
 * A hand-written RunResult for the report tests: three groups, every status, a failing expectation
 * with characters that need escaping, explanations on some phones, and assumptions set both by the
 * file and (inferred) by the command line. Plain data, so a test can change any field.
 */

const FILE = '/repo/scenarios/sample-rollout.yaml';

function phones(group: string, model: string, statuses: [PhoneStatus, number][], first: number, extra: Partial<ExplainedOutcome> = {}): ExplainedOutcome[] {
  const out: ExplainedOutcome[] = [];
  let n = first;
  for (const [status, count] of statuses) {
    for (let i = 0; i < count; i++, n++) {
      const sbd = model !== 'CP-7960';
      out.push({
        name: `SEP0011223344${n.toString(16).toUpperCase().padStart(2, '0')}`,
        group,
        cluster: 'hq',
        model,
        status,
        itl: sbd ? (status === 'locked' ? 'trust-list-update-failed' : 'accepted') : undefined,
        config: status === 'degraded' || status === 'locked' ? 'rejected' : 'accepted',
        registration: status === 'unregistered' || status === 'off' ? 'none' : 'non-secure',
        registeredTo: status === 'unregistered' || status === 'off' ? undefined : 'hq/sub1',
        itlSigner: sbd ? { cluster: 'hq', node: 'pub', purpose: status === 'trusted' ? 'ITLRecovery' : 'CallManager', generation: status === 'trusted' ? 2 : 1 } : undefined,
        needsManualTrustListDelete: status === 'locked',
        ...extra,
      });
    }
  }
  return out;
}

export function sampleRunResult(overrides: Partial<ReportInput> = {}): ReportInput {
  const lobby = phones('lobby', 'CP-8845', [['trusted', 3], ['locked', 2], ['degraded', 1]], 0x10);
  lobby[3].explanation = [
    '0s  reset (automatic): downloads ITLSEP.tlv from TFTP hq/pub',
    '      offered ITLSEP.tlv signed by CallManager hq/pub gen 2 — not in what the phone holds',
    '      asks TVS hq/sub1: handshake failed (TVS certificate regenerated too) & <no vouching>',
    'locked: delete the ITL on the phone (Settings > Security > Trust List), or roll back "CallManager"',
  ];
  lobby[4].explanation = lobby[3].explanation;
  const floor2 = phones('floor2', 'CP-8865', [['unregistered', 3], ['off', 1]], 0x30);
  const outcomes = [...lobby, ...phones('legacy', 'CP-7960', [['trusted', 2]], 0x20), ...floor2];
  return {
    runId: 'a1b2c3d4e5f6',
    completed: true,
    scenario: {
      file: FILE,
      name: 'sample-rollout',
      title: 'Regenerate CallManager & TVS on <hq> — "projector" check',
      seed: 42,
      start: '2026-01-05T08:00:00Z',
      clusters: [],
      steps: [],
      expect: [],
      assumptions: { configSignatureFailure: 'unregistered' },
    },
    // Every assumption at its default but two: new assumptions join without touching this fixture.
    assumptions: { ...defaultAssumptions(), trustDeleteScope: 'node', configSignatureFailure: 'unregistered' },
    timeline: [
      { step: 'install', text: 'clusters installed', at: 0, counts: { trusted: 11, degraded: 0, locked: 0, unregistered: 0, off: 1 }, events: 40 },
      { step: 0, text: 'regenerate ITLRecovery on hq/pub', at: 0, counts: { trusted: 5, degraded: 0, locked: 6, unregistered: 0, off: 1 }, events: 5 },
      { step: 1, text: 'cli "utils itl reset localkey" on hq/pub', at: 0, counts: { trusted: 5, degraded: 6, locked: 0, unregistered: 0, off: 1 }, events: 4 },
      { step: 2, text: 'resetPhones all (batches of 4 every 2m)', at: 0, counts: { trusted: 5, degraded: 6, locked: 0, unregistered: 0, off: 1 }, events: 2 },
      { step: 3, text: 'waitFor all settled', at: 360_000, counts: { trusted: 8, degraded: 1, locked: 2, unregistered: 0, off: 1 }, events: 60 },
      { step: 4, text: 'regenerate TVS on hq/sub1', at: 3_900_000, counts: { trusted: 5, degraded: 1, locked: 2, unregistered: 3, off: 1 }, events: 12 },
      { step: 'settle', text: 'background work settled', at: 3_900_000, counts: { trusted: 5, degraded: 1, locked: 2, unregistered: 3, off: 1 }, events: 14 },
    ],
    outcomes,
    expectations: [
      { location: `${FILE}:30:5`, step: 3, description: 'group legacy: status trusted', passed: true, detail: '2 of 2 match' },
      { location: `${FILE}:40:5`, description: 'group lobby: status trusted', passed: false, detail: '3 of 6 match; 2 with status locked & <itl failed>; 1 with "degraded"' },
      { location: `${FILE}:42:5`, description: 'group floor2: at most 4 status unregistered', passed: true, detail: '3 of 4 match' },
    ],
    passed: false,
    refusals: [],
    events: 137,
    figures: { phoneBoots: 30, decisions: 9, trustListVerifications: 12, wallMs: 1234, storeMs: 56 },
    ...overrides,
  };
}

/**
 * The sample with last TVS answers (`tvs`): lobby 3 × "hq/sub1 vouched", 2 × "hq/sub1 handshake-failed,
 * hq/sub2 unreachable", 1 without; legacy none (no Security by Default); floor2 2 × "hq/sub2 vouched",
 * 1 × "hq/sub1 vouched", 1 without. "hq/sub1 vouched" is in two groups, so merged counts would show.
 */
export function sampleWithTvsAnswers(): ReportInput {
  const failedOver = 'hq/sub1 handshake-failed, hq/sub2 unreachable';
  const answers: Record<string, (string | undefined)[]> = {
    lobby: ['hq/sub1 vouched', failedOver, 'hq/sub1 vouched', failedOver, 'hq/sub1 vouched', undefined],
    floor2: ['hq/sub2 vouched', 'hq/sub1 vouched', undefined, 'hq/sub2 vouched'],
  };
  const seen: Record<string, number> = {};
  const sample = sampleRunResult();
  const outcomes = sample.outcomes.map((o) => {
    const tvs = answers[o.group]?.[(seen[o.group] = (seen[o.group] ?? -1) + 1)];
    return tvs ? { ...o, tvs } : o;
  });
  return { ...sample, outcomes };
}
