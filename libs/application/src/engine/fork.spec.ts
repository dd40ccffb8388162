import { useTestApp } from '../test-support/test-app';
import type { RunResult } from './rehearsal';

/** The events after a step, as a full run stored them: every batch after the one that StepCompleted ends. */
function eventsAfter(result: RunResult, afterStep: number): string[] {
  const log = result.eventLog!;
  const wanted = afterStep === 0 ? 'install' : afterStep - 1;
  const end = log.findIndex((e) => e.type === 'StepCompleted' && (e.data as { step: unknown }).step === wanted);
  return log.slice(end + 1).map((e) => JSON.stringify(e));
}

function forkEvents(result: RunResult): string[] {
  return result.eventLog!.filter((e) => e.type !== 'RunStarted').map((e) => JSON.stringify(e));
}

describe('run --fork <run>@<step>: a variant starts from the state folded from a stored run\'s log, without replaying the prefix', () => {
  const scenarios = useTestApp();

  // Scenarios whose state after a step holds pending work (reset waves, batches, replication), backups,
  // uploads, the bulk SFTP area, DHCP changes and powered-off phones...
  const library = [
    'regen-callmanager-and-tvs-together-11.5.yaml',
    'itl-recovery-nonsecure.yaml',
    'upload-same-name-root.yaml',
    'restore-old-backup-after-regeneration-locks-11.5.yaml',
    'ca-signed-callmanager-and-tomcat-14.yaml',
    'migration/bulk-certificates.yaml',
    'migration/rollback-parameter.yaml',
    // Mixed mode, CAPF operations pending on phones, LSCs, snapshots, upgrades, an exported ITLRecovery.
    'mixed-mode/capf-install-lsc-14.yaml',
    'migration/secure-with-lsc.yaml',
    'spare-phones-snapshot-itl-recovery-12.5.yaml',
    'upgrade-refresh-fn70613-itlrecovery.yaml',
    'itl-reset-remotekey-recovers-12.5.yaml',
    // EMCC logins and logouts; the expiry monitor's periodic runs.
    'migration/emcc-after-tftp-regeneration-11.5.yaml',
    'monitoring/certificate-expiry-monitor-14.yaml',
    'migration/proxy-tftp-14.yaml',
    'tvs/cached-answers-keep-services-24h-14.yaml',
    'capf/secure-onboarding-mic-roots-removed-12.5su3.yaml',
    'ca-signed-tomcat-restart-tftp-14.yaml',
    'mixed-mode/token-ctl-regen-callmanager-9.1.yaml',
    'mixed-mode/token-ctl-to-tokenless-10.5.yaml',
    'capf/mic-roots-removed-from-capf-trust-14.yaml',
  ];

  it.each(library)('%s: a fork of the same file after any step records the same events as the full run', async (file) => {
    const full = await scenarios.run(file);
    const steps = full.scenario.steps.length;
    for (let afterStep = 0; afterStep <= steps; afterStep++) {
      const fork = await scenarios.run(file, { fork: { run: full.runId, afterStep } });
      expect({ afterStep, events: forkEvents(fork) }).toEqual({ afterStep, events: eventsAfter(full, afterStep) });
      expect(fork.outcomes).toEqual(full.outcomes);
      expect(fork.expectations).toEqual(full.expectations);
      expect(fork.forkedFrom).toEqual({ run: full.runId, afterStep });
    }
  }, 120_000);

  it('[chapter] a fork of the wrong-order run before its mistake, with the right order, reproduces the right outcome', async () => {
    const wrong = await scenarios.run('regen-callmanager-and-tvs-together-11.5.yaml');
    expect(wrong.outcomes.every((o) => o.status === 'locked')).toBe(true);
    const right = await scenarios.run('regen-tvs-then-callmanager-11.5.yaml');
    const fork = await scenarios.run('regen-tvs-then-callmanager-11.5.yaml', { fork: { run: wrong.runId, afterStep: 1 } });
    expect(fork.passed).toBe(true);
    expect(fork.outcomes).toEqual(right.outcomes);
    // Only the steps after the fork point ran: no phone was provisioned, no certificate installed again.
    const types = fork.eventLog!.map((e) => e.type);
    expect(types).not.toContain('PhoneProvisioned');
    expect(types).not.toContain('CertificateInstalled');
    expect(fork.eventLog!.filter((e) => e.type === 'CertRegenerated').map((e) => (e.data as { purpose: string }).purpose)).toEqual(['CallManager', 'CallManager']);
  }, 60_000);

  it('refuses a file that does not share the run’s set-up or its steps up to the fork point', async () => {
    const wrong = await scenarios.run('regen-callmanager-and-tvs-together-11.5.yaml');
    await expect(scenarios.run('regen-tvs-then-callmanager-11.5.yaml', { fork: { run: wrong.runId, afterStep: 2 } })).rejects.toThrow(
      /regen-tvs-then-callmanager-11\.5\.yaml:18:5: step 2 \("waitFor all settled"\) differs from step 2 of run \w+ \("regenerate CallManager on all nodes of hq"\)/,
    );
    await expect(scenarios.run('itl-recovery-nonsecure.yaml', { fork: { run: wrong.runId, afterStep: 0 } })).rejects.toThrow(/does not start from the same clusters, phones, seed and start time/);
    await expect(scenarios.run('regen-tvs-then-callmanager-11.5.yaml', { fork: { run: wrong.runId, afterStep: 9 } })).rejects.toThrow(/has no step 9: it stored steps 0 \(installed\) to 3/);
    await expect(scenarios.run('regen-tvs-then-callmanager-11.5.yaml', { fork: { run: 'ffffffff', afterStep: 1 } })).rejects.toThrow(/no run "ffffffff"/);
  }, 60_000);
});
