import type { RunResult } from './rehearsal';
import { tally, useTestApp } from '../test-support/test-app';

const count = (result: RunResult, group: string, fact: Parameters<typeof tally>[1]) => tally(result, fact, group);

describe('mixed mode, CAPF and upgrades end to end: phones verify real CTL, ITL and configuration signatures', () => {
  const scenarios = useTestApp();

  it('[S125CTL] [SPH7975] a regenerated CallManager is not in the CTL phones hold: encrypted phones cannot register until utils ctl update CTLFile', async () => {
    const run = await scenarios.run('mixed-mode/regen-callmanager-needs-ctl-update-14.yaml');
    expect(run.passed).toBe(true);
    const refused = run.eventLog!.find((e) => e.type === 'PhoneRegistrationFailed')!.data as { reason: string; detail: string };
    expect(refused.reason).toBe('secure-registration-refused');
    expect(refused.detail).toMatch(/CTL/);
    expect(count(run, 'secure', (o) => o.registration)).toEqual({ secure: 200 });
  }, 60_000);

  it('[S15CAPF] [S125PSP] CAPF issues LSCs through the MIC; an authentication string waits for someone at the phone; a 7960 has no MIC', async () => {
    const run = await scenarios.run('mixed-mode/capf-install-lsc-14.yaml');
    expect(run.passed).toBe(true);
    expect(count(run, 'by-mic', (o) => `${o.status}/${o.registration}`)).toEqual({ 'trusted/secure': 100 });
    const failed = run.eventLog!.find((e) => e.type === 'CapfOperationFailed')!.data as { reason: string };
    expect(failed.reason).toBe('no-certificate');
  }, 60_000);

  it('[STOKENLESS] [S125CTL] without the CTL update on the source, TVS carries SBD phones over and the 7960s lock on the new CTL', async () => {
    const run = await scenarios.run('migration/secure-without-ctl-update.yaml');
    expect(count(run, 'secure', (o) => o.status)).toEqual({ trusted: 300 });
    expect(count(run, 'legacy', (o) => `${o.status}/${o.ctl}`)).toEqual({ 'locked/trust-list-update-failed': 10 });
    const legacyFailure = run.eventLog!.find((e) => e.type === 'CtlUpdateFailed')!.data as { tvs?: unknown[] };
    expect(legacyFailure.tvs).toBeUndefined(); // it cannot ask TVS at all
  }, 60_000);

  it('[S15CAPF ::93] LSCs from the source CAPF are not trusted by the destination unless its CAPF is imported', async () => {
    const without = await scenarios.run('migration/secure-lsc-without-source-capf.yaml');
    const right = await scenarios.run('migration/secure-with-lsc.yaml');
    expect(count(without, 'secure', (o) => o.status)).toEqual({ unregistered: 300 });
    expect(count(right, 'secure', (o) => `${o.status}/${o.registration}`)).toEqual({ 'trusted/secure': 300 });
  }, 60_000);

  it('[SSECMIG] the rollback parameter does not help between secure clusters: the CTL stays and the empty ITL has no TVS to ask', async () => {
    const run = await scenarios.run('migration/rollback-parameter-secure.yaml');
    expect(count(run, 'floor5', (o) => o.status)).toEqual({ locked: 300 });
    const failure = run.eventLog!.find((e) => e.type === 'CtlUpdateFailed')!.data as { tvs: { outcome: string }[] };
    expect(failure.tvs.every((t) => t.outcome === 'handshake-failed')).toBe(true);
  }, 60_000);

  it('[SFN] a refresh upgrade into 12.5(1)SU2 regenerates ITLRecovery and locks phones; straight to SU3 it does not', async () => {
    const buggy = await scenarios.run('upgrade-refresh-fn70613-itlrecovery.yaml');
    const fixed = await scenarios.run('upgrade-to-12.5su3-keeps-itlrecovery.yaml');
    expect(buggy.passed).toBe(true);
    expect(fixed.passed).toBe(true);
    expect(buggy.timeline.find((t) => t.step === 1)!.counts.locked).toBe(400);
    expect(fixed.timeline.find((t) => t.step === 1)!.counts.trusted).toBe(400);
  }, 60_000);

  it('[SCLI] [S125DEF] utils itl reset remotekey needs the exported ITLRecovery.p12 and then unlocks the phones', async () => {
    const run = await scenarios.run('itl-reset-remotekey-recovers-12.5.yaml');
    expect(run.passed).toBe(true);
    expect(run.eventLog!.some((e) => e.type === 'ItlRecoveryExported')).toBe(true);
  }, 60_000);

  it('[S125CTL] set-cluster non-secure-mode keeps a stripped CTL: phones accept it and register non-secure', async () => {
    const run = await scenarios.run('mixed-mode/set-cluster-non-secure-mode-14.yaml');
    expect(run.passed).toBe(true);
    const ctl = run.eventLog!.filter((e) => e.type === 'CtlUpdated').pop()!.data as { size: number };
    const first = run.eventLog!.find((e) => e.type === 'CtlUpdated')!.data as { size: number };
    expect(ctl.size).toBeLessThan(first.size);
  }, 60_000);

  it('[§16.2] spare phones off through an ITLRecovery change are locked under the chapter reading, trusted under the TAC one', async () => {
    const chapter = await scenarios.run('spare-phones-snapshot-itl-recovery-12.5.yaml');
    const tac = await scenarios.run('spare-phones-snapshot-itl-recovery-12.5.yaml', { assumptions: { tvsVouchesForOwnItlRecovery: true } });
    expect(count(chapter, 'spares', (o) => o.status)).toEqual({ locked: 40 });
    expect(count(tac, 'spares', (o) => o.status)).toEqual({ trusted: 40 });
  }, 60_000);
});
